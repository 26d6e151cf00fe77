"""Every programme the seed articles describe, created through intake's HTTP API.

Used by `scripts/seed_demo.py` (the demo of `scripts/platform up`) and by the tests. Every POST
carries an Idempotency-Key derived from a stable name, so running it again changes nothing and
returns the same ids. Sources: seeds 000 (Modena), 001 (Milano), 002 (Lombardia), 003 (Milano
province) and 004 (Collegno)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import httpx

MODENA, MILANO, COLLEGNO = "036023", "015146", "001090"
ZONA_OVEST = [COLLEGNO, "001008", "001038", "001045", "001099", "001120", "001171", "001189",
              "001211", "001214", "001219", "001228", "001241", "001243", "001292", "001302"]
WEEKDAY_MORNINGS = [{"opens": "10:00", "closes": "13:30"}]
MODENA_HOURS = {"monday": WEEKDAY_MORNINGS, "tuesday": WEEKDAY_MORNINGS,
                "wednesday": WEEKDAY_MORNINGS, "friday": WEEKDAY_MORNINGS,
                "thursday": [{"opens": "13:00", "closes": "17:00"}]}
NINE_TO_SIX = [{"opens": "09:00", "closes": "18:00"}]
WORKING_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")

PARTNERS: dict[str, dict[str, Any]] = {
    "comune-modena": {"name": "Comune di Modena", "kind": "municipality", "municipality": MODENA},
    "provincia-modena": {"name": "Provincia di Modena — Politiche del lavoro",
                         "kind": "region_or_province", "municipality": MODENA},
    "comune-milano": {"name": "Comune di Milano — Politiche del lavoro", "kind": "municipality",
                      "municipality": MILANO},
    "cdl-milano": {"name": "Camera del Lavoro Metropolitana di Milano", "kind": "trade_union",
                   "municipality": MILANO},
    "rete-associazioni": {"name": "Rete associazioni Quarto Oggiaro", "kind": "third_sector",
                          "municipality": MILANO},
    "operatore-accreditato": {"name": "Agenzia per il lavoro accreditata Lombardia",
                              "kind": "accredited_operator", "municipality": MILANO,
                              "accreditation": "LOM-ACC-0421", "vat_number": "00743110157"},
    "cciaa-milano": {"name": "Camera di Commercio di Milano", "kind": "chamber_of_commerce",
                     "municipality": MILANO},
    "fondazione-grant": {"name": "Fondazione grant making del territorio", "kind": "foundation",
                         "municipality": MILANO},
    "regione-lombardia": {"name": "Regione Lombardia", "kind": "region_or_province",
                          "municipality": MILANO},
    "provincia-milano": {"name": "Provincia di Milano — Polo Orientamento",
                         "kind": "region_or_province", "municipality": MILANO},
    "comune-collegno": {"name": "Comune di Collegno — Collegno Investe nel lavoro",
                        "kind": "municipality", "municipality": COLLEGNO},
    "ente-microcredito": {"name": "Ente Nazionale per il Microcredito", "kind": "foundation"},
    "mip": {"name": "Programma MIP — Mettersi in proprio", "kind": "training_body",
            "municipality": "001272"},
    "azienda-ospitante": {"name": "Azienda ospitante tirocini (Collegno)", "kind": "company",
                          "municipality": COLLEGNO},
}

OFFICES: dict[str, dict[str, Any]] = {
    "cpi-modena": {"name": "Centro per l'Impiego di Modena", "municipality": MODENA,
                   "address": "via delle Costellazioni 108", "opening_hours": MODENA_HOURS,
                   "operators": [{"operator_id": "op-modena-1", "name": "Operatrice CPI Modena"}]},
    "villa-scheibler": {"name": "Villa Scheibler — spazio auto mutuo aiuto",
                        "municipality": MILANO, "address": "Quarto Oggiaro, Milano",
                        "opening_hours": {d: NINE_TO_SIX for d in WORKING_DAYS},
                        "operators": [{"operator_id": "facilitatrice-1",
                                       "name": "Facilitatrice"}]},
    "polo-orientamento": {"name": "Polo Orientamento — sportello Alte Professionalità",
                          "municipality": MILANO, "address": "via Soderini 24",
                          "opening_hours": {d: NINE_TO_SIX for d in WORKING_DAYS}},
    "informalavoro-collegno": {"name": "Sportello Collegno Investe nel lavoro",
                               "municipality": COLLEGNO,
                               "opening_hours": {d: NINE_TO_SIX for d in WORKING_DAYS}},
}

PARTNERSHIP: dict[str, Any] = {
    "name": "Partenariato territoriale per il reimpiego — Milano",
    "members": ["operatore-accreditato", "comune-milano", "cdl-milano", "cciaa-milano",
                "fondazione-grant"],
    "lead": "operatore-accreditato", "territory": "MI",
    "funding": {"source": "Regione Lombardia — partenariati territoriali", "scheme": "voucher",
                "budget_eur": 5_000_000},
}

CIG_CLOSURE = {"kind": "labour_status", "any_of": ["wage_guarantee"],
               "wage_guarantee_any_of": ["business_closure", "extraordinary"]}
OUT_OF_WORK = {"kind": "labour_status", "any_of": ["unemployed", "never_employed",
                                                   "wage_guarantee", "naspi"]}


def _session(sid: str, day: str, start: str, end: str, place: str, **extra: str) -> dict[str, Any]:
    return {"session_id": sid, "starts_at": f"{day}T{start}:00+01:00",
            "ends_at": f"{day}T{end}:00+01:00", "place": place, **extra}


def _modena(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Seed 000: ~700 workers in cassa integrazione for business closure; built for 200+."""
    common = {"provider_id": ids["provincia-modena"], "office_id": ids["cpi-modena"],
              "municipality": MODENA, "capacity": 200,
              "funding": {"source": "Comune e Provincia di Modena"},
              "eligibility": {"rules": [CIG_CLOSURE, {"kind": "residence", "provinces": ["MO"]}]}}
    return {
        "modena-orientamento": {**common, "kind": "group_orientation",
                                "title": "Orientamento e curriculum per cassaintegrati"},
        "modena-formazione": {**common, "kind": "training_course",
                              "title": "Corsi di formazione professionale per cassaintegrati"},
        "modena-contratto": {**common, "kind": "contract_assistance",
                             "title": "Assistenza nella definizione del contratto dopo un'offerta"},
    }


def _milano(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Seeds 001 (self-help groups), 002 (Lombardy partnership), 003 (senior professionals)."""
    scheibler = "Villa Scheibler, Quarto Oggiaro"
    return {
        "milano-auto-mutuo-aiuto": {
            "kind": "self_help_group", "title": "Gruppi di auto mutuo aiuto",
            "provider_id": ids["cdl-milano"], "office_id": ids["villa-scheibler"],
            "municipality": MILANO, "capacity": 10,
            "funding": {"source": "Comune di Milano — Servizio supporti attivi per il lavoro"},
            "sessions": [_session(f"g{n}", f"2027-01-{day}", "09:00", "18:00", scheibler,
                                  resource="10 postazioni informatiche, fotocopiatrice, giornali",
                                  facilitator="operatrice comunale formata come facilitatrice")
                         for n, day in ((1, "12"), (2, "19"), (3, "26"))],
            "eligibility": {"rules": [OUT_OF_WORK, {"kind": "residence",
                                                    "municipalities": [MILANO]}]}},
        "lombardia-outplacement": {
            "kind": "outplacement",
            "title": "Outplacement e marketing dei lavoratori verso le imprese bersaglio",
            "provider_id": ids["operatore-accreditato"], "partnership_id": ids["partnership"],
            "funding": PARTNERSHIP["funding"],
            "eligibility": {"rules": [{"kind": "residence", "regions": [3]}],
                            "required_documents": ["Dote ricollocazione"]}},
        "milano-alte-professionalita": {
            "kind": "senior_professional_desk",
            "title": "Sportello Alte Professionalità (dirigenti, quadri, impiegati direttivi)",
            "provider_id": ids["provincia-milano"], "office_id": ids["polo-orientamento"],
            "municipality": MILANO, "funding": {"source": "Provincia di Milano con Italia Lavoro"},
            "eligibility": {"rules": [
                {"kind": "age", "min": 45, "max": 55},
                {"kind": "experience", "min_years": 20,
                 "role_levels_any_of": ["manager", "middle_manager", "top_clerical"],
                 "sectors_ateco_any_of": ["64", "65", "66"]},
                {"kind": "labour_status", "any_of": ["unemployed", "naspi"]},
                {"kind": "residence", "provinces": ["MI"]},
                {"kind": "target_group", "any_of": ["senior_professional"]}]}},
    }


def _collegno(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Seed 004: Collegno Città del lavoro."""
    here = {"municipality": COLLEGNO, "office_id": ids["informalavoro-collegno"],
            "provider_id": ids["comune-collegno"],
            "funding": {"source": "Comune di Collegno — Collegno Investe nel lavoro"}}
    resident = {"kind": "residence", "municipalities": [COLLEGNO]}
    return {
        "collegno-accoglienza": {**here, "kind": "reception",
                                 "title": "Accoglienza e informazione sulle opportunità"},
        "collegno-ricerca-attiva": {**here, "kind": "active_search_path",
                                    "title": "Percorso strutturato di ricerca attiva del lavoro",
                                    "eligibility": {"rules": [resident]}},
        "collegno-colloqui": {**here, "kind": "individual_orientation",
                              "title": "Colloqui individuali di orientamento"},
        "collegno-job-club": {
            **here, "kind": "job_club", "title": "Job Club", "capacity": 8,
            "sessions": [_session("jc1", "2027-01-14", "14:00", "17:00", "Sala Job Club",
                                  resource="postazioni informatiche",
                                  facilitator="consulente di orientamento")],
            "eligibility": {"rules": [resident, {
                "kind": "prerequisite", "completed_programme_kinds": ["active_search_path"],
                "completed_programme_ids": [ids["collegno-ricerca-attiva"]]}]}},
        "collegno-tirocini": {**here, "kind": "internship", "title": "Sostegno ai tirocini"},
        "collegno-moduli": {**here, "kind": "short_module", "title": "Brevi moduli formativi"},
        "collegno-ilcom": {**here, "kind": "disability_internship",
                           "title": "Progetto ILCom — tirocini per persone iscritte alle liste "
                                    "della legge 68/1999",
                           "eligibility": {"rules": [{"kind": "disability_list"}]}},
        "collegno-cantieri": {
            **here, "kind": "public_utility_work",
            "title": "Cantieri di lavoro e progetti di pubblica utilità (l.r. 34/2008)",
            "funding": {"source": "Regione Piemonte — l.r. 34/2008", "scheme": "grant"},
            "allowance": {"amount_eur": 700, "period": "month"}, "capacity": 20,
            "eligibility": {"rules": [{"kind": "labour_status", "any_of": ["unemployed"]},
                                      resident]}},
        "collegno-pratico": {
            **here, "kind": "group_orientation",
            "title": "Progetto Pratico — 1 euro per abitante (Patto Territoriale Zona Ovest)",
            "funding": {"source": "Comuni del Patto Territoriale Zona Ovest",
                        "scheme": "1 euro per abitante"},
            "allowance": {"amount_eur": 300, "period": "one_off"},
            "eligibility": {"rules": [OUT_OF_WORK, {"kind": "residence",
                                                    "municipalities": ZONA_OVEST}]}},
        "collegno-erasmus": {
            **here, "kind": "internship_abroad", "title": "Tirocini all'estero (Erasmus+)",
            "funding": {"source": "Unione europea — Erasmus+"},
            "eligibility": {"rules": [{"kind": "age", "min": 18, "max": 29}, {
                "kind": "target_group", "any_of": ["young", "neet", "graduate"]}]}},
        "collegno-microcredito": {
            **here, "kind": "self_employment",
            "title": "Microcredito e fondi di rotazione di garanzia",
            "provider_id": ids["ente-microcredito"],
            "funding": {"source": "Ente Nazionale per il Microcredito", "scheme": "microcredit"}},
        "collegno-coworking": {**here, "kind": "self_employment",
                               "title": "Coworking per lavoratori autonomi e coworking donne"},
        "collegno-imprenditori": {
            **here, "kind": "self_employment",
            "title": "Imprenditori in Collegno — premio per nuove idee d'impresa",
            "provider_id": ids["mip"],
            "funding": {"source": "Programma MIP — Mettersi in proprio", "scheme": "prize",
                        "budget_eur": 20_000},
            "eligibility": {"rules": [resident]}},
    }


async def _create(api: httpx.AsyncClient, path: str, name: str, body: dict[str, Any]) -> str:
    response = await api.post(path, json=body, headers={"Idempotency-Key": f"seed-{name}"})
    if response.status_code != 201:
        raise RuntimeError(f"{path} {name}: {response.status_code} {response.text}")
    return str(response.json()["id"])


async def seed_programmes(api: httpx.AsyncClient) -> dict[str, str]:
    """Partners, offices, the partnership and every seed programme (published); name -> id."""
    ids: dict[str, str] = {}
    for name, partner in PARTNERS.items():
        ids[name] = await _create(api, "/partners", name, partner)
    for name, office in OFFICES.items():
        ids[name] = await _create(api, "/offices", name, office)
    ids["partnership"] = await _create(api, "/partnerships", "partnership", {
        "name": PARTNERSHIP["name"], "member_ids": [ids[m] for m in PARTNERSHIP["members"]],
        "lead_id": ids[PARTNERSHIP["lead"]], "territory": PARTNERSHIP["territory"],
        "funding": PARTNERSHIP["funding"]})
    for batch in (_modena, _milano, _collegno):
        for name in batch(defaultdict(str, ids)):
            # rebuilt each time, so a programme sees the ids of those created before it (the
            # Job Club names the active-search path it requires)
            programme = batch(defaultdict(str, ids))[name]
            ids[name] = await _create(api, "/programmes", name, {**programme, "publish": True})
    return ids
