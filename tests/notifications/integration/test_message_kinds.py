"""What each event tells whom: programmes, referrals, placements, shortlists (anonymised for the
employer), the wage-guarantee alert and the operators' daily digest."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from tests.notifications.stack import Stack, now_iso

MATCHING = "reimpiego.matching.matches"
ENROLMENTS = "reimpiego.matching.enrolments"
OUTCOMES = "reimpiego.matching.outcomes"
PROGRAMMES = "reimpiego.intake.programmes"
VACANCIES = "reimpiego.intake.vacancies"
SEEKERS = "reimpiego.intake.seekers"


def _text(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def _html(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]


async def _programme(stack: Stack) -> str:
    programme_id = f"pr-{secrets.token_hex(3)}"
    await stack.publish(PROGRAMMES, "programme.published.v1", programme_id, {
        "programme_id": programme_id, "kind": "self_help_group", "title": "Gruppo di auto-aiuto",
        "sessions": [{"session_id": "s1", "starts_at": "2026-12-10T08:00:00+00:00",
                      "ends_at": "2026-12-10T10:00:00+00:00", "place": "Sala 2"}],
        "eligibility": {"version": 1}, "status": "published", "published_at": now_iso()})
    return programme_id


def _enrolment(seeker_id: str, programme_id: str, status: str, **extra: object) -> dict:  # type: ignore[type-arg]
    return {"enrolment_id": secrets.token_hex(4), "programme_id": programme_id,
            "seeker_id": seeker_id, "status": status, "changed_at": now_iso(), **extra}


async def test_a_seat_and_its_group_sessions_are_announced(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    programme_id = await _programme(stack)
    await stack.publish(ENROLMENTS, "enrolment.changed.v1", programme_id,
                        _enrolment(seeker_id, programme_id, "enrolled", session_ids=["s1"]))
    await stack.settled(2, recipient_id=seeker_id, state="sent")
    texts = {m["Subject"]: _text(m) for m in stack.smtp.to(email)}
    assert "«Gruppo di auto-aiuto»" in texts["Un posto per te nel percorso"]
    assert "giovedì 10 dicembre 2026 alle 09:00, Sala 2" in texts[
        "Invito all'incontro di gruppo"]


async def test_a_waiting_list_position_is_told_in_text_and_in_its_own_html(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    programme_id = await _programme(stack)
    await stack.publish(ENROLMENTS, "enrolment.changed.v1", programme_id,
                        _enrolment(seeker_id, programme_id, "waitlisted", waiting_position=4))
    await stack.settled(1, recipient_id=seeker_id, state="sent")
    [message] = stack.smtp.to(email)
    assert "in lista d'attesa, in posizione 4" in _text(message)
    html = _html(message)
    assert '<html lang="it">' in html and "<title>Sei in lista d&#39;attesa</title>" in html
    assert "<p>Gentile Maria,</p>" in html
    assert "<strong>«Gruppo di auto-aiuto»</strong> è al completo" in html
    assert "in lista d'attesa, in posizione 4" in html


async def test_a_referral_tells_the_person_and_the_employer_without_naming_the_person(
    stack: Stack,
) -> None:
    seeker_id, email = await stack.new_person()
    employer = f"emp-{secrets.token_hex(3)}"
    async with stack.client() as client:
        await client.put(f"/contacts/employer/{employer}", json={
            "name": "Rossi Logistica", "email": f"{employer}@azienda.example"})
    await stack.publish(VACANCIES, "vacancy.published.v1", "v-9", {
        "vacancy_id": "v-9", "title": "Carrellista", "employer_id": employer})
    referral = {"referral_id": secrets.token_hex(8), "seeker_id": seeker_id,
                "vacancy_id": "v-9", "employer_id": employer, "actor_id": "op-1",
                "changed_at": now_iso()}
    await stack.publish(MATCHING, "referral.status_changed.v1", referral["referral_id"],
                        {**referral, "status": "sent_to_employer"})
    await stack.publish(MATCHING, "referral.status_changed.v1", referral["referral_id"], {
        **referral, "status": "interview", "interview_at": "2026-12-05T14:30:00+00:00"},
        version=2)
    await stack.settled(2, recipient_id=seeker_id, state="sent")
    await stack.settled(1, recipient_id=employer, state="sent")
    person = {m["Subject"]: _text(m) for m in stack.smtp.to(email)}
    assert "«Carrellista» è stata inviata" in person["La tua candidatura è stata inviata"]
    assert "sabato 5 dicembre 2026 alle 15:30" in person["Colloquio di lavoro"]
    [to_employer] = stack.smtp.to(f"{employer}@azienda.example")
    assert "Maria" not in _text(to_employer) and seeker_id not in _text(to_employer)
    assert referral["referral_id"][:8] in _text(to_employer)


async def test_a_shortlist_reaches_the_employer_anonymised(stack: Stack) -> None:
    employer = f"emp-{secrets.token_hex(3)}"
    async with stack.client() as client:
        await client.put(f"/contacts/employer/{employer}", json={
            "name": "Verdi Srl", "email": f"{employer}@azienda.example"})
    await stack.publish(MATCHING, "shortlist.confirmed.v1", "sl-1", {
        "shortlist_id": "sl-12345678", "vacancy_id": "v-unknown", "employer_id": employer,
        "seeker_ids": ["s-secret-1", "s-secret-2"], "confirmed_by": "op-1",
        "confirmed_at": now_iso()})
    await stack.settled(1, recipient_id=employer, state="sent")
    text = _text(stack.smtp.to(f"{employer}@azienda.example")[0])
    assert "2 candidati (C-01, C-02)" in text and "s-secret" not in text


async def test_a_placement_is_congratulated(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    await stack.publish(OUTCOMES, "placement.recorded.v1", "pl-1", {
        "placement_id": "pl-1", "seeker_id": seeker_id, "employer_id": "e-1",
        "start_date": "2027-01-07", "recorded_at": now_iso()})
    await stack.settled(1, recipient_id=seeker_id, state="sent")
    assert "inizia il 7 gennaio 2027" in _text(stack.smtp.to(email)[0])


def _status(seeker_id: str, expected_end: date) -> dict:  # type: ignore[type-arg]
    return {"seeker_id": seeker_id, "changed_at": now_iso(), "labour_status": {
        "kind": "wage_guarantee", "since": "2026-01-01",
        "wage_guarantee": {"kind": "business_closure", "expected_end": expected_end.isoformat()}}}


async def test_a_wage_guarantee_end_is_alerted_ahead_and_replanned_when_it_moves(
    stack: Stack,
) -> None:
    seeker_id, email = await stack.new_person()
    far = date.today() + timedelta(days=60)
    await stack.publish(SEEKERS, "seeker.status_changed.v1", seeker_id, _status(seeker_id, far))
    [planned] = await stack.settled(1, recipient_id=seeker_id, state="scheduled")
    due = datetime.fromisoformat(planned["due_at"]).astimezone(ZoneInfo("Europe/Rome"))
    assert (due.date(), due.hour) == (far - timedelta(days=30), 9)

    near = date.today() + timedelta(days=10)  # already inside the 30 days: alert at once
    await stack.publish(SEEKERS, "seeker.status_changed.v1", seeker_id,
                        _status(seeker_id, near), version=2)
    await stack.settled(1, recipient_id=seeker_id, state="sent")
    [old] = await stack.deliveries(recipient_id=seeker_id, state="suppressed")
    assert old["id"] == planned["id"]
    text = _text(stack.smtp.to(email)[0])
    assert f"terminerà il {near.day} " in text and "/unsubscribe/" in text


async def test_operators_get_one_daily_digest_of_new_proposals(stack: Stack) -> None:
    office = f"cpi-{secrets.token_hex(3)}"
    seeker_id = f"s-{secrets.token_hex(4)}"
    await stack.publish(SEEKERS, "seeker.registered.v1", seeker_id,
                        {"seeker_id": seeker_id, "office_id": office})
    for title in ("Magazziniere", "Contabile", "Magazziniere"):
        await stack.publish(MATCHING, "match.proposed.v1", seeker_id, {
            "match_id": secrets.token_hex(6), "seeker_id": seeker_id, "vacancy_title": title,
            "municipality_name": "Modena", "reasons": []})

    async def three_items() -> list | None:  # type: ignore[type-arg]
        async with stack.client() as client:
            found = await stack.deliveries(recipient_id=office, kind="proposals_digest")
            if not found:
                return None
            detail = (await client.get(f"/deliveries/{found[0]['id']}")).json()
        return found if detail["state"] == "scheduled" and len(found) == 1 else None

    from tests.harness import eventually
    [digest] = await eventually(three_items, what="one digest for the office")
    due = datetime.fromisoformat(digest["due_at"]).astimezone(ZoneInfo("Europe/Rome"))
    assert (due.hour, due.minute) == (8, 0) and due > datetime.now(UTC)


async def test_templates_are_previewed_with_sample_data(stack: Stack) -> None:
    async with stack.client() as client:
        email = (await client.get("/templates/waiting_list/preview")).json()
        english = (await client.get("/templates/appointment_reminder/preview",
                                    params={"locale": "en"})).json()
        sms = (await client.get("/templates/appointment_reminder/preview",
                                params={"channel": "sms", "locale": "en"})).json()
        missing = await client.get("/templates/waiting_list/preview", params={"channel": "sms"})
        bad_locale = await client.get("/templates/waiting_list/preview",
                                      params={"locale": "../x"})
        kinds = (await client.get("/templates")).json()
    assert email["subject"] == "Sei in lista d'attesa" and "posizione 3" in email["text"]
    assert email["html"].startswith("<!doctype html>")
    assert "<strong>«Job Club»</strong> è al completo" in email["html"]  # the kind's own body
    assert english["text"].startswith("Dear Maria") and "<p>Dear Maria,</p>" in english["html"]
    assert sms["text"].startswith("Job centre: reminder")
    assert missing.status_code == 404
    assert bad_locale.status_code == 422 and bad_locale.json()["errors"][0]["field"] == "locale"
    assert {"kind": "match_proposed", "subject": "Un'offerta di lavoro adatta a te",
            "channels": ["email"], "unsubscribable": True} in kinds
