"""Demo vocabulary: the agency, people's names, streets, business zones and towns."""

from __future__ import annotations

AGENCY_NAME = "Caux Seine Développement (démo)"
COUNSELLORS: tuple[tuple[str, str], ...] = (
    ("Claire", "Lemonnier"),
    ("Sophie", "Delamare"),
    ("Julie", "Vauquelin"),
)

FEMALE_FIRST_NAMES = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Valérie", "Christine",
    "Stéphanie", "Céline", "Aurélie", "Émilie", "Julie", "Camille", "Laura", "Sarah", "Manon",
    "Pauline", "Caroline", "Anne", "Hélène", "Sophie", "Virginie", "Delphine", "Élodie",
    "Mélanie", "Audrey", "Chloé", "Léa", "Charlotte", "Laetitia", "Agnès", "Florence", "Martine",
    "Véronique", "Anaïs", "Justine", "Margaux", "Noémie", "Gaëlle",
)  # fmt: skip
MALE_FIRST_NAMES = (
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick",
    "Stéphane", "Laurent", "Frédéric", "Olivier", "David", "Sébastien", "Julien", "Thomas", "Éric",
    "Guillaume", "Jérôme", "Vincent", "François", "Antoine", "Maxime", "Alexandre", "Romain",
    "Benoît", "Mathieu", "Bruno", "Didier", "Thierry", "Hugo", "Lucas", "Kévin", "Damien",
    "Yannick", "Gilles", "Arnaud", "Cédric", "Fabrice", "Pascal", "Loïc", "Grégory",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Fontaine", "Chevalier", "Robin", "Masson", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire",
    "Duval", "Joly", "Gautier", "Roger", "Roche", "Noël", "Meyer", "Lucas", "Meunier", "Perez",
    "Marchand", "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Leroux",
    "Colin", "Renard", "Arnaud", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
    "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix", "Fabre", "Dupuis", "Olivier", "Hubert",
    "Guillot", "Rivière", "Le Gall", "Adam", "Moulin", "Berger", "Lecomte", "Fleury", "Deschamps",
    "Carpentier", "Benoit", "Maillard", "Aubry", "Vasseur", "Renault", "Jacquet", "Prévost",
    "Poirier", "Charpentier", "Huet", "Baron", "Carré", "Breton", "Rémy", "Lecanu", "Lemonnier",
    "Delamare", "Lebas", "Hébert", "Leconte", "Lesueur", "Vauquelin", "Anquetil", "Levasseur",
    "Quesnel", "Lecoq", "Delaunay", "Duboc", "Hauchecorne", "Lepiller", "Lemarchand", "Toutain",
    "Vimont", "Grenier", "Heuzé", "Osmont", "Leprince", "Cauchois",
)  # fmt: skip

STREET_KINDS: tuple[tuple[str, float], ...] = (
    ("rue", 6), ("avenue", 2), ("allée", 1), ("impasse", 1), ("chemin", 1),
)  # fmt: skip
STREET_NAMES = (
    "des Forgerons", "de l'Industrie", "des Artisans", "Pierre Curie", "Gustave Eiffel",
    "Denis Papin", "des Tisserands", "du Commerce", "de la Libération", "Jean Jaurès",
    "des Chaudronniers", "des Métiers", "de la Seine", "du Stade", "Victor Hugo",
    "du Général de Gaulle", "Lavoisier", "André-Marie Ampère", "Nicéphore Niépce", "de la Mare",
    "des Pommiers", "du Manoir", "de la Gare", "des Tanneurs", "du Val", "des Tilleuls",
    "Jules Ferry", "de la République", "Louis Pasteur", "du Moulin", "de l'Europe",
    "de la Vallée", "des Frênes", "des Hêtres", "du Clos Masure", "des Marais",
)  # fmt: skip
ZONES = (
    "ZI de l'Estuaire", "ZA du Manoir", "ZA des Hauts de Caux", "Parc d'activités du Valasse",
    "ZA de la Briqueterie", "ZI des Ajoncs", "Parc d'activités Seine-Caux", "ZA du Moulin",
    "ZI du Bourvallon", "Pôle industriel des Marais", "ZA des Tisserands", "ZA du Clos Masure",
)  # fmt: skip
PLACE_WORDS = (
    "du Caux", "de la Seine", "de l'Estuaire", "du Pays de Caux", "Caux Seine", "de Normandie",
    "du Valasse", "de la Vallée", "des Deux Rives",
)  # fmt: skip
REGION_WORDS = ("Normandie", "Seine", "Estuaire", "Caux", "Néo")
#: Main communes of the territory weigh more when drawing an address (others weigh 1).
TERRITORY_WEIGHTS: dict[str, float] = {
    "76114": 14, "76476": 14, "76384": 12, "76258": 4, "76164": 4, "76329": 5, "76401": 2,
    "76281": 3, "76627": 3, "76557": 2, "76468": 2, "76684": 2, "76499": 2,
}  # fmt: skip
#: Towns outside the territory: Seine-Maritime INSEE codes, or others listed in OTHER_TOWNS.
OUTSIDE_TOWNS = (
    "76351", "76351", "76540", "76540", "76259", "76758", "76217", "76447", "76305",
    "14118", "69123", "44109", "59350",
)  # fmt: skip
OTHER_TOWNS: dict[str, tuple[str, str]] = {
    "14118": ("14000", "Caen"),
    "69123": ("69003", "Lyon"),
    "44109": ("44000", "Nantes"),
    "59350": ("59000", "Lille"),
}
