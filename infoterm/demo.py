"""A realistic sample campaign (about 40 people across every stage) for ``--demo``,
the screenshots, the snapshot tests and the benchmarks.

It is written through the services with a clock that walks forward from ten weeks ago,
so the history, meetings and follow-ups look like a real campaign's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from infoterm.clock import Clock, FakeClock
from infoterm.pipeline import STAGES, ContactFields

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.store.database import Database

# name, organisation, title, source, final stage, tags
PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    (
        "Amara Okafor",
        "Northwind Health",
        "Product Designer",
        "alumni",
        "stay-in-touch",
        "design,health",
    ),
    ("Ben Whitaker", "Lumen Analytics", "Data Engineer", "linkedin", "met", "data"),
    ("Chloé Martin", "Civic Maps", "UX Researcher", "association", "thanked", "research"),
    ("Dev Patel", "Harbour Bank", "Engineering Manager", "own network", "requested", "fintech"),
    (
        "Elena Rossi",
        "Greenfield Energy",
        "Sustainability Analyst",
        "target company",
        "identified",
        "climate",
    ),
    ("Farah Haddad", "Northwind Health", "Clinical Informatics Lead", "referral", "met", "health"),
    (
        "George Lindqvist",
        "Open Transit",
        "Backend Developer",
        "linkedin",
        "identified",
        "transport",
    ),
    (
        "Hana Suzuki",
        "Lumen Analytics",
        "Head of Data",
        "alumni",
        "stay-in-touch",
        "data,leadership",
    ),
    (
        "Isaac Mensah",
        "Bright Path Schools",
        "Learning Designer",
        "association",
        "requested",
        "education",
    ),
    ("Julia Novak", "Civic Maps", "Product Manager", "referral", "identified", "product"),
    ("Kwame Asante", "Harbour Bank", "Risk Analyst", "own network", "thanked", "fintech"),
    ("Laura Chen", "Kestrel Labs", "Machine Learning Engineer", "linkedin", "requested", "ml"),
    ("Mateo García", "Open Transit", "Service Designer", "alumni", "met", "design,transport"),
    (
        "Nadia Ivanova",
        "Greenfield Energy",
        "Grid Modelling Lead",
        "referral",
        "identified",
        "climate",
    ),
    (
        "Oliver Brennan",
        "Bright Path Schools",
        "Head of Technology",
        "own network",
        "stay-in-touch",
        "education",
    ),
    (
        "Priya Raman",
        "Kestrel Labs",
        "Research Scientist",
        "association",
        "identified",
        "ml,research",
    ),
    (
        "Quentin Dubois",
        "Atlas Logistics",
        "Operations Analyst",
        "target company",
        "requested",
        "logistics",
    ),
    ("Rosa Alvarez", "Northwind Health", "Nurse Informaticist", "referral", "requested", "health"),
    ("Samuel Osei", "Lumen Analytics", "Analytics Engineer", "linkedin", "identified", "data"),
    ("Tara Byrne", "Civic Maps", "Engineering Lead", "alumni", "landed", "leadership"),
    (
        "Umar Farouk",
        "Atlas Logistics",
        "Supply Chain Planner",
        "linkedin",
        "identified",
        "logistics",
    ),
    (
        "Valentina Greco",
        "Greenfield Energy",
        "Policy Advisor",
        "association",
        "met",
        "climate,policy",
    ),
    ("William Tan", "Harbour Bank", "Staff Engineer", "own network", "identified", "fintech"),
    ("Ximena Torres", "Open Transit", "Data Scientist", "referral", "thanked", "data,transport"),
    ("Yusuf Demir", "Kestrel Labs", "Platform Engineer", "linkedin", "identified", "infra"),
    ("Zoe Campbell", "Bright Path Schools", "Curriculum Lead", "alumni", "requested", "education"),
    (
        "Aiko Tanaka",
        "Lumen Analytics",
        "Product Analyst",
        "target company",
        "identified",
        "product,data",
    ),
    ("Bruno Costa", "Atlas Logistics", "Head of Engineering", "own network", "met", "leadership"),
    ("Carmen Ruiz", "Civic Maps", "GIS Specialist", "association", "identified", "gis"),
    ("Daniel Kim", "Northwind Health", "Security Engineer", "linkedin", "identified", "security"),
    (
        "Esther Adeyemi",
        "Greenfield Energy",
        "Data Analyst",
        "referral",
        "requested",
        "climate,data",
    ),
    ("Felix Wagner", "Kestrel Labs", "CTO", "own network", "stay-in-touch", "leadership,ml"),
    ("Grace O'Neill", "Harbour Bank", "Product Owner", "alumni", "identified", "product"),
    ("Hiro Yamamoto", "Open Transit", "Mobile Developer", "linkedin", "identified", "mobile"),
    (
        "Ines Moreau",
        "Bright Path Schools",
        "Data Coordinator",
        "association",
        "thanked",
        "education,data",
    ),
    ("Jonas Berg", "Atlas Logistics", "DevOps Engineer", "linkedin", "identified", "infra"),
    ("Keisha Brown", "Northwind Health", "Programme Manager", "referral", "identified", "health"),
    ("Liam Murphy", "Lumen Analytics", "Solutions Architect", "own network", "requested", "data"),
    ("Maya Singh", "Civic Maps", "Accessibility Specialist", "alumni", "met", "design,a11y"),
    (
        "Noah Fischer",
        "Greenfield Energy",
        "Software Engineer",
        "target company",
        "identified",
        "climate",
    ),
]

# who referred whom (referral chains for the tree view)
REFERRALS = {
    "Farah Haddad": "Amara Okafor",
    "Julia Novak": "Chloé Martin",
    "Nadia Ivanova": "Valentina Greco",
    "Rosa Alvarez": "Farah Haddad",
    "Ximena Torres": "Mateo García",
    "Esther Adeyemi": "Nadia Ivanova",
    "Keisha Brown": "Farah Haddad",
    "Tara Byrne": "Chloé Martin",
}


def seed_demo(db: Database, clock: Clock, people: int | None = None) -> dict[str, int]:
    """Fill an empty database with the demo campaign; returns name -> contact id."""
    from infoterm.services import Services

    end = clock.now()
    fake = FakeClock(end - timedelta(days=70))
    services = Services(db, fake)
    ids: dict[str, int] = {}
    chosen = PEOPLE[:people] if people else PEOPLE
    for index, (name, org, title, source, _stage, tags) in enumerate(chosen):
        fake.set(end - timedelta(days=70) + timedelta(hours=7 * index))
        referrer = REFERRALS.get(name)
        fields = ContactFields(
            name=name,
            organisation=org,
            title=title,
            source=source,
            tags=tags,
            email=f"{name.split()[0].lower()}@{org.split()[0].lower()}.example",
            referred_by_id=ids.get(referrer) if referrer else None,
        )
        ids[name] = services.contacts.add(fields)
    # walk each person forward to their stage, spread over the last weeks
    for index, (name, _org, _title, _source, stage, _tags) in enumerate(chosen):
        target = STAGES.index(stage)
        for step_no in range(1, target + 1):
            fake.set(end - timedelta(days=60 - 9 * step_no) + timedelta(hours=3 * index))
            services.contacts.move(ids[name], STAGES[step_no])
    fake.set(end)
    from infoterm.demo_followups import seed_followups

    seed_followups(services, ids, end)
    seed_network_demo(services, fake)
    return ids


# Imported LinkedIn connections waiting in the address book: name, organisation, title, day
ADDRESS_BOOK: list[tuple[str, str, str, str]] = [
    ("Alice Moreno", "Civic Maps", "Data Visualisation Lead", "2024-03-15"),
    ("Bashir Rahimi", "Kestrel Labs", "Applied Scientist", "2023-11-02"),
    ("Camille Laurent", "Open Transit", "Head of Product", "2022-06-21"),
    ("Diego Fernández", "Harbour Bank", "Data Platform Manager", "2021-09-08"),
    ("Eun-ji Park", "Northwind Health", "Health Data Analyst", "2024-01-30"),
    ("Femi Adebayo", "Greenfield Energy", "Forecasting Engineer", "2023-04-12"),
    ("Gwen Llewellyn", "Bright Path Schools", "Assessment Designer", "2020-02-17"),
    ("Hamid Karimi", "Atlas Logistics", "Routing Engineer", "2022-10-05"),
    ("Ingrid Solberg", "Lumen Analytics", "Customer Success Lead", "2024-07-19"),
    ("Jamal Wright", "Civic Maps", "Frontend Engineer", "2023-08-28"),
    ("Kiri Ngata", "Kestrel Labs", "Research Engineer", "2021-12-01"),
    ("Lena Hoffmann", "", "Freelance Data Consultant", "2019-05-23"),
]
TARGETS = {
    "Civic Maps": (
        "civicmaps.example",
        "Open-data mapping for city councils; 60 people, remote-friendly.\n"
        "Ask about the new accessibility programme and how product and research work together.",
    ),
    "Kestrel Labs": (
        "kestrel.example",
        "ML tooling start-up, Series B in spring. Ask how research reaches the product.",
    ),
}


def seed_network_demo(services: Services, clock: FakeClock) -> None:
    """Target organisations with research notes, a landing, and an address book."""
    from datetime import date

    from sqlalchemy import select

    from infoterm.interop.records import ImportRecord
    from infoterm.store.schema import Landing, Organisation

    with services.transaction() as session:
        for org in session.scalars(select(Organisation).where(Organisation.name.in_(TARGETS))):
            org.is_target = True
            org.website, org.notes = TARGETS[org.name]
        session.add(
            Landing(
                organisation="Civic Maps",
                title="Product Researcher",
                start_date=(clock.now() + timedelta(days=21)).date(),
                recorded_at=clock.now() - timedelta(days=2),
            )
        )
    records = [
        ImportRecord(
            line=5 + index,
            name=name,
            organisation=org,
            title=title,
            linkedin_url="https://www.linkedin.com/in/" + name.lower().replace(" ", "-"),
            connected_on=date.fromisoformat(day),
        )
        for index, (name, org, title, day) in enumerate(ADDRESS_BOOK)
    ]
    services.interop.import_records(records)
