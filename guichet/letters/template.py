"""Letter templates: French text with merge fields and simple conditionals.

Syntax, written by counsellors in the settings::

    Madame, Monsieur,

    Nous vous mettons en relation avec {partenaire.nom}.
    {% si partenaire.contact %}
    Votre interlocuteur sera {partenaire.contact}.
    {% sinon %}
    Vous pouvez joindre l'accueil de {partenaire.nom}.
    {% fin %}

``{groupe.champ}`` is replaced by the value (empty if unknown for this record); ``{% si champ %}``
/ ``{% si non champ %}`` … ``{% sinon %}`` … ``{% fin %}`` keep a part only when the field has (or
has not) a value; ``{{`` and ``}}`` write a brace. A tag alone on its line takes the line with it.
The result is plain text: blank lines separate paragraphs. Validation reports any unknown field,
unbalanced tag or stray brace with its line number, in French: a template is checked before use.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from guichet.errors import ValidationError

#: Every merge field, with its French description (shown in the settings as a reference).
LETTER_FIELDS: dict[str, str] = {
    "entreprise.nom": "Nom de l'entreprise",
    "entreprise.siret": "SIRET de l'entreprise (groupé)",
    "entreprise.adresse": "Adresse de l'entreprise, sur une ligne",
    "entreprise.contact": "Personne reçue (civilité, prénom, nom)",
    "entreprise.formule": "« Madame », « Monsieur » ou « Madame, Monsieur » selon la personne reçue",
    "entreprise.telephone": "Téléphone de l'entreprise ou de la personne",
    "entreprise.email": "E-mail de l'entreprise ou de la personne",
    "entreprise.activite": "Activité (code et libellé NAF)",
    "entreprise.effectif": "Tranche d'effectif",
    "partenaire.nom": "Nom du partenaire",
    "partenaire.contact": "Interlocuteur chez le partenaire",
    "partenaire.fonction": "Fonction de l'interlocuteur",
    "partenaire.formule": "« Madame », « Monsieur » ou « Madame, Monsieur » selon l'interlocuteur",
    "partenaire.telephone": "Téléphone du partenaire ou de l'interlocuteur",
    "partenaire.email": "E-mail du partenaire ou de l'interlocuteur",
    "partenaire.adresse": "Adresse du partenaire, sur une ligne",
    "partenaire.site": "Site web du partenaire",
    "destinataire.nom": "Destinataire du courrier (l'entreprise ou le partenaire)",
    "destinataire.formule": "« Madame », « Monsieur » ou « Madame, Monsieur » selon le destinataire",
    "besoin.thematique": "Thématique du besoin",
    "besoin.sujet": "Sujet du besoin",
    "besoin.description": "Description du besoin",
    "demande.reference": "Référence de la demande",
    "demande.date": "Date de la demande (forme longue)",
    "mise_en_relation.reference": "Numéro de la mise en relation",
    "mise_en_relation.motif": "Pourquoi ce partenaire (motif de la suggestion)",
    "conseiller.nom": "Conseiller qui signe",
    "conseiller.fonction": "Fonction du conseiller",
    "conseiller.telephone": "Téléphone du conseiller",
    "conseiller.email": "E-mail du conseiller",
    "agence.nom": "Nom de l'agence",
    "agence.telephone": "Téléphone de l'agence",
    "agence.email": "E-mail de l'agence",
    "agence.site": "Site web de l'agence",
}

_TOKEN = re.compile(
    r"(?P<line_tag>^[ \t]*\{%(?P<line_body>[^%]*)%\}[ \t]*(?:\n|\Z))"
    r"|(?P<tag>\{%(?P<body>[^%]*)%\})"
    r"|(?P<open>\{\{)"
    r"|(?P<close>\}\})"
    r"|(?P<field>\{(?P<name>[^{}\n]*)\})"
    r"|(?P<stray>[{}])",
    re.MULTILINE,
)


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Field:
    name: str


@dataclass
class _If:
    name: str
    negate: bool
    then: list[_Node] = field(default_factory=list)
    otherwise: list[_Node] = field(default_factory=list)
    in_else: bool = False


_Node = _Text | _Field | _If


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _check_name(name: str, line: int, fields: Mapping[str, str]) -> str:
    name = name.strip()
    if name in fields:
        return name
    if not name:
        raise ValidationError(f"Ligne {line} : champ vide « {{}} ».")
    hint = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
    suggestion = f" Vouliez-vous dire {{{hint[0]}}} ?" if hint else ""
    raise ValidationError(
        f"Ligne {line} : champ inconnu {{{name}}}.{suggestion} "
        "Les champs disponibles sont listés sous le modèle.",
        field=name,
    )


@dataclass(frozen=True)
class Template:
    """A parsed, validated template; :meth:`render` merges values into it."""

    source: str
    nodes: tuple[_Node, ...]

    @property
    def fields(self) -> frozenset[str]:
        found: set[str] = set()

        def walk(nodes: tuple[_Node, ...] | list[_Node]) -> None:
            for node in nodes:
                if isinstance(node, _Field):
                    found.add(node.name)
                elif isinstance(node, _If):
                    found.add(node.name)
                    walk(node.then)
                    walk(node.otherwise)

        walk(self.nodes)
        return frozenset(found)

    def render(self, values: Mapping[str, str]) -> str:
        """Plain text with the values merged in; at most one blank line between paragraphs."""
        parts: list[str] = []

        def walk(nodes: tuple[_Node, ...] | list[_Node]) -> None:
            for node in nodes:
                if isinstance(node, _Text):
                    parts.append(node.text)
                elif isinstance(node, _Field):
                    parts.append(values.get(node.name, "") or "")
                else:
                    present = bool((values.get(node.name, "") or "").strip())
                    walk(node.then if present != node.negate else node.otherwise)

        walk(self.nodes)
        text = "".join(parts)
        text = "\n".join(line.rstrip() for line in text.splitlines())
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_template(source: str, fields: Mapping[str, str] = LETTER_FIELDS) -> Template:
    """Parses and validates ``source``; raises ValidationError (French, with the line)."""
    root: list[_Node] = []
    stack: list[tuple[_If, int]] = []

    def target() -> list[_Node]:
        if not stack:
            return root
        node = stack[-1][0]
        return node.otherwise if node.in_else else node.then

    position = 0
    for match in _TOKEN.finditer(source):
        if match.start() > position:
            target().append(_Text(source[position : match.start()]))
        position = match.end()
        line = _line_of(source, match.start())
        kind = match.lastgroup
        if match["line_tag"] is not None or match["tag"] is not None:
            body = (match["line_body"] if match["line_tag"] is not None else match["body"]) or ""
            _directive(body.split(), line, stack, target, fields)
        elif match["open"] is not None:
            target().append(_Text("{"))
        elif match["close"] is not None:
            target().append(_Text("}"))
        elif match["field"] is not None:
            target().append(_Field(_check_name(match["name"], line, fields)))
        else:  # stray brace
            raise ValidationError(
                f"Ligne {line} : accolade « {match[kind or 'stray']} » isolée. "
                "Un champ s'écrit {groupe.champ} ; pour une accolade, doublez-la."
            )
    if position < len(source):
        target().append(_Text(source[position:]))
    if stack:
        raise ValidationError(
            f"Ligne {stack[-1][1]} : « {{% si … %}} » sans « {{% fin %}} » correspondant."
        )
    return Template(source=source, nodes=tuple(root))


def _directive(
    words: list[str],
    line: int,
    stack: list[tuple[_If, int]],
    target: object,
    fields: Mapping[str, str],
) -> None:
    keyword = words[0].lower() if words else ""
    if keyword == "si":
        negate = len(words) > 1 and words[1].lower() == "non"
        rest = words[2:] if negate else words[1:]
        if len(rest) != 1:
            raise ValidationError(
                f"Ligne {line} : une condition s'écrit {{% si groupe.champ %}} "
                "ou {% si non groupe.champ %}."
            )
        node = _If(_check_name(rest[0], line, fields), negate)
        target().append(node)  # type: ignore[operator]
        stack.append((node, line))
    elif keyword == "sinon" and len(words) == 1:
        if not stack or stack[-1][0].in_else:
            raise ValidationError(f"Ligne {line} : « {{% sinon %}} » hors d'une condition.")
        stack[-1][0].in_else = True
    elif keyword == "fin" and len(words) == 1:
        if not stack:
            raise ValidationError(f"Ligne {line} : « {{% fin %}} » sans « {{% si … %}} ».")
        stack.pop()
    else:
        shown = " ".join(words)
        raise ValidationError(
            f"Ligne {line} : instruction inconnue « {{% {shown} %}} » "
            "(attendu : si, si non, sinon, fin)."
        )


def validate_template(source: str, fields: Mapping[str, str] = LETTER_FIELDS) -> None:
    """Raises ValidationError when ``source`` is not a valid template."""
    parse_template(source, fields)
