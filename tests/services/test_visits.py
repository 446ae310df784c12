"""Company visits on SQLite and PostgreSQL: planning, recording with a versioned questionnaire,
risk signals, and the inquiry channel « visite »."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.questionnaire import Question, QuestionnaireService, check_answers
from guichet.services.visits import VisitPlan, VisitService

NOW = datetime(2026, 11, 20, 10, 0)
ANSWERS = {
    "effectif_actuel": "42",
    "effectif_12_mois": "45",
    "locaux": "locataire",
    "fin_bail": "dans les 12 mois",
    "depart_envisage": "non",
    "autre_territoire": "oui",
}


def _setup(db: Database) -> tuple[int, int, int, int]:
    with db.unit_of_work() as s:
        company = m.Organization(legal_name="Forges de Lillebonne", city="Lillebonne")
        partner = m.Organization(legal_name="CCI Seine Estuaire", kind=m.OrganizationKind.PARTNER)
        counsellor = m.Counsellor(name="Claire Martin", initials="CMV")
        s.add_all([company, partner, counsellor])
        s.flush()
        contact = m.Contact(organization_id=company.id, first_name="Paul", last_name="Roy")
        s.add(contact)
        s.flush()
        return company.id, partner.id, counsellor.id, contact.id


def test_plan_record_and_list(portable_db: Database) -> None:
    company, partner, counsellor, contact = _setup(portable_db)
    service = VisitService(portable_db)
    later = service.plan(VisitPlan(company, datetime(2026, 12, 3, 14, 0), counsellor, contact))
    past = service.plan(
        VisitPlan(company, datetime(2026, 10, 1, 9, 30), counsellor, contact, (partner,), "RDV")
    )
    assert past.partners == ("CCI Seine Estuaire",)
    assert [r.id for r in service.visits(upcoming_only=True, now=NOW)] == [later.id]
    # planned ones first, soonest first
    assert [r.id for r in service.visits(now=NOW)] == [past.id, later.id]

    questionnaire = service.questionnaire_for(past.id)
    done = service.record(past.id, ANSWERS, questionnaire_id=questionnaire.id, version=past.version)
    assert done.status == m.VisitStatus.DONE and done.done_at is not None
    assert done.values["effectif_actuel"] == "42"
    assert set(done.risks) == {
        "Bail se terminant dans les 12 mois",
        "Sollicitée par un autre territoire",
    }
    assert [r.id for r in service.visits(now=NOW)] == [later.id, past.id]

    risky = service.risk_companies()
    assert [r.organization_id for r in risky] == [company]
    assert len(risky[0].signals) == 2
    # a newer visit without signals clears the flag: the latest visit speaks
    calm = {**ANSWERS, "fin_bail": "dans plus de 3 ans", "autre_territoire": "non"}
    service.record(later.id, calm, questionnaire_id=questionnaire.id)
    assert service.risk_companies() == []
    with portable_db.unit_of_work() as s:
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.entity == "visit")).all()
        assert entries, "visits are audited"


def test_a_required_answer_missing_is_refused_in_french(portable_db: Database) -> None:
    company, _partner, counsellor, _contact = _setup(portable_db)
    service = VisitService(portable_db)
    visit = service.plan(VisitPlan(company, NOW, counsellor))
    questionnaire = service.questionnaire_for(visit.id)
    incomplete = {k: v for k, v in ANSWERS.items() if k != "effectif_actuel"}
    with pytest.raises(ValidationError) as caught:
        service.record(visit.id, incomplete, questionnaire_id=questionnaire.id)
    assert caught.value.message == "La réponse à « Effectif aujourd'hui » est obligatoire."
    assert service.get(visit.id).status == m.VisitStatus.PLANNED  # nothing recorded


def test_answers_to_a_removed_question_still_display(portable_db: Database) -> None:
    company, _partner, counsellor, _contact = _setup(portable_db)
    visits = VisitService(portable_db)
    questionnaires = QuestionnaireService(portable_db)
    first = questionnaires.current()
    visit = visits.plan(VisitPlan(company, NOW, counsellor))
    visits.record(visit.id, ANSWERS, questionnaire_id=first.id)

    kept = [q for q in first.questions if q.key != "autre_territoire"]
    kept.append(Question("robotisation", "Projet de robotisation", "yesno"))
    second = questionnaires.save_new_version(kept, "sans la question sur les autres territoires")
    assert second.number == first.number + 1
    with portable_db.unit_of_work() as s:  # the seeded version is no one's edit; this one is
        audited = s.scalars(
            select(m.AuditEntry.record_id).where(m.AuditEntry.entity == "questionnaire_version")
        ).all()
        assert audited == [second.id]
    assert questionnaires.current().question("autre_territoire") is None

    shown = visits.get(visit.id)
    assert shown.questionnaire is not None and shown.questionnaire.number == first.number
    removed = next(a for a in shown.answers if a.key == "autre_territoire")
    assert (removed.label, removed.value, removed.risk) == (
        "Sollicitée par un autre territoire",
        "oui",
        True,
    )
    # a new visit takes the new version
    other = visits.plan(VisitPlan(company, NOW, counsellor))
    assert visits.questionnaire_for(other.id).number == second.number


def test_questionnaire_edits_are_checked(db: Database) -> None:
    service = QuestionnaireService(db)
    current = service.current()
    assert service.save_new_version(list(current.questions)).number == current.number
    broken = replace(current.questions[0], key="Effectif actuel")
    with pytest.raises(ValidationError, match="clé"):
        service.save_new_version([broken])
    with pytest.raises(ValidationError, match="au moins deux choix"):
        service.save_new_version([Question("x", "Choix", "choice", ("seul",))])
    with pytest.raises(ValidationError, match="signal de risque"):
        service.save_new_version([Question("x", "Texte", "text", risk_values=("a",))])


def test_answers_are_checked_by_type() -> None:
    questions = (
        Question("n", "Effectif", "number"),
        Question("c", "Locaux", "choice", ("propriétaire", "locataire")),
        Question("y", "Départ", "yesno"),
    )
    assert check_answers(questions, {"n": " 1 200 ", "c": "locataire", "y": "oui"}) == {
        "n": "1200",
        "c": "locataire",
        "y": "oui",
    }
    with pytest.raises(ValidationError, match="attend un nombre"):
        check_answers(questions, {"n": "beaucoup"})
    with pytest.raises(ValidationError, match="n'est pas un choix"):
        check_answers(questions, {"c": "squat"})


def test_an_inquiry_can_come_from_a_visit(portable_db: Database) -> None:
    company, _partner, _counsellor, _contact = _setup(portable_db)
    with portable_db.unit_of_work() as s:
        s.add(
            m.Inquiry(
                reference="D-2026-9001",
                received_at=NOW,
                channel=m.Channel.VISIT,
                organization_id=company,
            )
        )
    with portable_db.unit_of_work() as s:
        found = s.scalar(select(m.Inquiry).where(m.Inquiry.reference == "D-2026-9001"))
        assert found is not None and found.channel == m.Channel.VISIT
    assert m.label(m.Channel.VISIT) == "Visite"


def test_cancel_and_checks(db: Database) -> None:
    company, _partner, counsellor, _contact = _setup(db)
    service = VisitService(db)
    with pytest.raises(ValidationError, match="entreprise"):
        service.plan(VisitPlan(None, NOW, counsellor))
    visit = service.plan(VisitPlan(company, NOW, counsellor))
    cancelled = service.cancel(visit.id)
    assert cancelled.status == m.VisitStatus.CANCELLED
    with pytest.raises(ValidationError, match="annulée"):
        service.record(visit.id, ANSWERS, questionnaire_id=service.questionnaire_for(visit.id).id)


def test_a_merge_keeps_the_visits_and_their_risk_signals(db: Database) -> None:
    from guichet.services.duplicates import merge_organizations

    company, _partner, counsellor, _contact = _setup(db)
    with db.unit_of_work() as s:
        twin = m.Organization(legal_name="Forges de Lillebonne SAS")
        s.add(twin)
        s.flush()
        twin_id = twin.id
    service = VisitService(db)
    visit = service.plan(VisitPlan(twin_id, NOW, counsellor))
    service.record(visit.id, ANSWERS, questionnaire_id=service.questionnaire_for(visit.id).id)
    result = merge_organizations(db, company, twin_id, {})
    assert result.moved["visits"] == 1
    assert service.get(visit.id).organization_id == company
    risk = service.risks_of(company)
    assert risk is not None and risk.visit_id == visit.id
