"""A sample campaign for ``--demo``, the welcome screen's ``d``, the screenshots, the
snapshot tests and the benchmarks: eight weeks of looking for work, 40 people on the board.

Nothing here writes a row. The campaign is replayed (``demo_diary``) through the services
a user's keys and commands call, on a fake clock that walks from eight weeks ago to now,
so every stage, follow-up, meeting figure and history entry is what the app's own rules
made of it: the demo cannot show something the app does not do.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from infoterm.clock import Clock, FakeClock
from infoterm.services import Services

if TYPE_CHECKING:
    from infoterm.store.database import Database

# name | organisation | title | where you found them | tags
_PEOPLE = """
Amara Okafor | Northwind Health | Product Designer | alumni | design,health
Ben Whitaker | Lumen Analytics | Data Engineer | linkedin | data
Chloé Martin | Civic Maps | UX Researcher | association | research
Dev Patel | Harbour Bank | Engineering Manager | own network | fintech
Elena Rossi | Greenfield Energy | Sustainability Analyst | target company | climate
Farah Haddad | Northwind Health | Clinical Informatics Lead | referral | health
George Lindqvist | Open Transit | Backend Developer | linkedin | transport
Hana Suzuki | Lumen Analytics | Head of Data | alumni | data,leadership
Isaac Mensah | Bright Path Schools | Learning Designer | association | education
Julia Novak | Civic Maps | Product Manager | referral | product
Kwame Asante | Harbour Bank | Risk Analyst | own network | fintech
Laura Chen | Kestrel Labs | Machine Learning Engineer | linkedin | ml
Mateo García | Open Transit | Service Designer | alumni | design,transport
Nadia Ivanova | Greenfield Energy | Grid Modelling Lead | referral | climate
Oliver Brennan | Bright Path Schools | Head of Technology | own network | education
Priya Raman | Kestrel Labs | Research Scientist | association | ml,research
Quentin Dubois | Atlas Logistics | Operations Analyst | target company | logistics
Rosa Alvarez | Northwind Health | Nurse Informaticist | referral | health
Samuel Osei | Lumen Analytics | Analytics Engineer | linkedin | data
Tara Byrne | Civic Maps | Engineering Lead | referral | leadership
Umar Farouk | Atlas Logistics | Supply Chain Planner | linkedin | logistics
Valentina Greco | Greenfield Energy | Policy Advisor | association | climate,policy
William Tan | Harbour Bank | Staff Engineer | own network | fintech
Ximena Torres | Open Transit | Data Scientist | referral | data,transport
Yusuf Demir | Kestrel Labs | Platform Engineer | linkedin | infra
Zoe Campbell | Bright Path Schools | Curriculum Lead | alumni | education
Aiko Tanaka | Lumen Analytics | Product Analyst | target company | product,data
Bruno Costa | Atlas Logistics | Head of Engineering | own network | leadership
Carmen Ruiz | Civic Maps | GIS Specialist | association | gis
Daniel Kim | Northwind Health | Security Engineer | linkedin | security
Esther Adeyemi | Greenfield Energy | Data Analyst | referral | climate,data
Felix Wagner | Kestrel Labs | CTO | own network | leadership,ml
Grace O'Neill | Harbour Bank | Product Owner | alumni | product
Hiro Yamamoto | Open Transit | Mobile Developer | linkedin | mobile
Ines Moreau | Bright Path Schools | Data Coordinator | association | education,data
Jonas Berg | Atlas Logistics | DevOps Engineer | linkedin | infra
Keisha Brown | Northwind Health | Programme Manager | referral | health
Liam Murphy | Lumen Analytics | Solutions Architect | own network | data
Maya Singh | Civic Maps | Accessibility Specialist | alumni | design,a11y
Noah Fischer | Greenfield Energy | Software Engineer | target company | climate
"""
# (name, organisation, title, source, tags), in the order above
PEOPLE: list[tuple[str, str, str, str, str]] = [
    (name, org, title, source, tags)
    for name, org, title, source, tags in (
        tuple(part.strip() for part in line.split("|")) for line in _PEOPLE.strip().splitlines()
    )
]
NOTES_ON = {
    "Amara Okafor": "Two years above me on the design course; runs the patient-app team.",
    "Felix Wagner": "Old friend from the climbing club. Happy to talk any time, prefers coffee.",
    "Dev Patel": "Worked together at the agency in 2021. Now manages the payments platform.",
    "Hana Suzuki": "Spoke at the alumni data evening; built Lumen's data team from scratch.",
}

# LinkedIn connections imported into the address book: name, organisation, title, day
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
# The organisations you research and mark as targets: website, research notes
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


def seed_demo(db: Database, clock: Clock) -> dict[str, int]:
    """Fill an empty database with the demo campaign, ending at ``clock``'s now (the same
    campaign for the same now); returns name -> contact id."""
    from infoterm.demo.campaign import Campaign
    from infoterm.demo.diary import replay

    now = clock.now().replace(microsecond=0)
    zone = clock.local_now().tzinfo
    assert zone is not None
    walk = FakeClock(now - timedelta(weeks=9), tz=zone)  # the diary moves it on
    campaign = Campaign(Services(db, walk), walk, now)
    replay(campaign)
    walk.set(now)
    return dict(campaign.ids)
