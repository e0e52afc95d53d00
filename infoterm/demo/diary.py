"""Eight weeks of the demo campaign, as the user lived them.

Each page is ``c.on(workdays_ago, "HH:MM")``: working days (Monday to Friday) before
today, local time; then what the user did then: add people, ask for a conversation,
schedule, prepare, meet (on the timer or logged afterwards), thank, report back, snooze or
dismiss. The follow-ups, stages and figures are what the app's rules make of it. Meetings
fall on working days whatever today is; the day counts were chosen for a Monday morning
(the screenshots' and tests' clock), when the review shows a bit of everything: overdue,
today, the week ahead and a meeting this afternoon.
"""

from __future__ import annotations

from dataclasses import replace

from infoterm.demo.campaign import Campaign, Held

AMARA = Held(
    talk="me 2, them 7, me 3, them 6, me 4",
    notes="- patient app: 4 designers, 1 researcher shared with the clinical team\n"
    "- they hire for 'can run a usability session with a nurse at 7am'\n"
    "- portfolio: fewer projects, more about the decisions behind them\n",
    asked=(0, 5, 21),
    ticks=("openings", "names", "linkedin", "thanks"),
    learned="Health products move at the pace of clinical sign-off; plan for it.",
    referrals="Farah Haddad @ Northwind Health",
)
HANA = Held(
    talk="me 2, them 6, me 3, them 5, me 3",
    notes="- started as the only analyst; team of 14 now\n"
    "- first hires were generalists, now she hires for one strong specialism\n"
    "- the data platform is being rebuilt; Ben Whitaker is on it\n",
    asked=(5, 6, 22),
)
MATEO = Held(
    talk="me 2, them 9, me 3, +5, them 6, me 3",
    notes="- service design sits with operations, not with IT\n"
    "- journey maps for every route change; riders' panel every month\n"
    "- Ximena does the ridership models; worth meeting\n",
    asked=(0, 9, 13),
    ticks=("openings", "names", "linkedin", "resume", "thanks"),
    names="Ximena Torres @ Open Transit",
)
CHLOE = Held(
    talk="me 2, them 6, pause 4, them 5, me 3, them 3",
    notes="- research is 'embedded': each researcher sits with a product squad\n"
    "- councils buy on trust; they test with council staff every sprint\n"
    "- (she took a call from a council mid-way)\n",
    asked=(4, 13, 17),
    ticks=("openings", "names", "linkedin", "thanks"),
    learned="Accessibility work is funded for two years; they will grow the team in spring.",
    actions="read the council open-data guide by fri",
    referrals="Tara Byrne @ Civic Maps",
)
VALENTINA = Held(
    talk="me 3, them 7, me 4, them 5, me 2",
    notes="- policy team writes the regulator submissions; data team feeds them\n"
    "- the grid study comes out in the new year\n",
    asked=(1, 10, 22),
    ticks=("openings", "names", "thanks"),
    names="Nadia Ivanova @ Greenfield Energy, Esther Adeyemi @ Greenfield Energy",
)
XIMENA = Held(
    talk="me 2, them 6, me 3, them 4, me 2",
    notes="- ridership models in Python; forecasts reviewed with planners weekly\n"
    "- she had to cut it short: a board meeting\n",
    asked=(0, 3),
)
TARA = Held(
    talk="me 3, them 10, me 4, them 9, me 3",
    notes="- 3 squads, 18 engineers; a product researcher role is planned\n"
    "- she values people who write things down\n"
    "- interviews: a take-home, then a conversation about it\n",
    asked=(0, 8, 15, 21),
    ticks=("openings", "linkedin", "resume", "thanks"),
)
INES = Held(
    talk="me 5, them 5, me 6, them 4, me 4",
    notes="- the data team is her and one analyst\n"
    "- I talked too much about my own project; next time ask, then listen\n",
    asked=(2, 18),
)
BEN = Held(
    talk="me 2, them 7, me 2, them 6, me 2",
    notes="- data platform team of 6; moving from nightly batch to streaming this year\n"
    "- hardest part: getting analysts to trust the new pipeline; they run both in parallel\n"
    "- hires people who can explain a schema to a non-engineer\n"
    '- suggested: the dbt meetup on the 3rd Thursday; read "Designing Data-Intensive '
    'Applications"\n'
    "- happy to introduce me to Samuel Osei (analytics engineering)\n",
    asked=(0, 1, 6, 20),
)
FARAH = Held(
    talk="me 2, them 8, me 3, them 5, me 1",
    notes="- clinical informatics: half the week on wards, half with the product team\n"
    "- the hospital trusts are short of people who speak both languages\n",
    asked=(1, 9, 21, 22),
    ticks=("openings", "names", "linkedin", "thanks"),
    learned="Northwind hires informatics people from the trusts; a clinical course helps.",
    referrals="Rosa Alvarez @ Northwind Health, Keisha Brown @ Northwind Health",
)
MAYA = Held(
    talk="me 3, them 7, me 4, them 5, me 2",
    notes="- accessibility audits for every council launch\n- sent me their audit report to read\n",
    asked=(0, 17),
)


def replay(c: Campaign) -> None:  # noqa: PLR0915 - a diary is long
    # Week 1: the first list, the first asks.
    c.on(40, "09:30")
    c.add("Amara Okafor", "Hana Suzuki", "Felix Wagner", "Mateo García", "Oliver Brennan")
    c.add("Kwame Asante", "Bruno Costa", "Dev Patel", "Liam Murphy", "William Tan")
    c.on(39, "10:00")
    c.import_connections()
    c.ask("Amara Okafor", 20, "email")
    c.ask("Hana Suzuki", 20, "email")
    c.research("Civic Maps")
    c.research("Kestrel Labs")
    c.on(38, "09:00")
    c.ask("Felix Wagner", 30, "phone")
    c.on(38, "15:00")
    c.schedule("Amara Okafor", c.when(36, "12:30"), 20, "Northwind Health café")
    c.on(37, "09:00")
    c.ask("Mateo García", 20, "LinkedIn")
    c.on(37, "11:00")
    c.schedule("Hana Suzuki", c.when(32, "10:00"), 20, "Video call")
    c.on(37, "18:00")
    c.done("Amara Okafor", "prepare")
    c.on(36, "12:30")
    c.hold("Amara Okafor", AMARA)
    c.on(36, "16:00")
    c.schedule("Felix Wagner", c.when(28, "16:00"), 30, "Coffee near the station")
    c.schedule("Mateo García", c.when(31, "14:00"), 20, "Open Transit office")
    c.on(36, "17:00")
    c.fill_in("Farah Haddad")
    c.ask("Farah Haddad", 20, "email")
    c.on(36, "18:00")
    c.done("Amara Okafor", "thank-you")

    # Week 2
    c.on(35, "09:30")
    c.add("Chloé Martin", "Valentina Greco", "Ines Moreau", "Isaac Mensah", "Priya Raman")
    c.add("Carmen Ruiz")
    c.ask("Chloé Martin", 20, "email")
    c.on(33, "18:00")
    c.done("Hana Suzuki", "prepare")
    c.on(32, "10:00")
    c.hold("Hana Suzuki", HANA)
    c.on(32, "16:00")
    c.schedule("Chloé Martin", c.when(25, "13:00"), 20, "Civic Maps office")
    c.on(32, "17:00")
    c.done("Mateo García", "prepare")
    c.on(32, "18:00")
    c.done("Hana Suzuki", "thank-you")
    c.on(31, "14:00")
    c.hold("Mateo García", MATEO)
    c.on(31, "17:30")
    c.done("Farah Haddad", "nudge")
    c.on(31, "19:00")
    c.done("Mateo García", "thank-you")

    # Week 3
    c.on(30, "09:15")
    c.fill_in("Ximena Torres")
    c.done("Ximena Torres", "reach-out")
    c.on(30, "10:00")
    c.add("Ben Whitaker", "Laura Chen", "George Lindqvist", "Samuel Osei", "Umar Farouk")
    c.add("Yusuf Demir", "Daniel Kim", "Hiro Yamamoto", "Jonas Berg")
    c.ask("Valentina Greco", 20, "email")
    c.on(29, "18:00")
    c.done("Felix Wagner", "prepare")
    c.on(28, "17:00")
    c.log_met(
        "Felix Wagner",
        c.when(28, "16:00"),
        35,
        "- Kestrel's research team publishes; product picks up what works\n"
        "- he would hire a researcher who can also ship a prototype\n",
    )
    c.on(28, "17:30")
    c.ask("Oliver Brennan", 30, "phone")
    c.on(27, "09:00")
    c.done("Felix Wagner", "thank-you")
    c.on(26, "10:00")
    c.schedule("Farah Haddad", c.when(1, "11:00"), 20, "Video call")  # on leave till then
    c.schedule("Valentina Greco", c.when(20, "10:00"), 20, "Greenfield Energy, room 2")
    c.schedule("Ximena Torres", c.when(13, "12:00"), 20, "Video call")

    # Week 4
    c.on(25, "08:30")
    c.done("Chloé Martin", "prepare")
    c.add("Elena Rossi", "Quentin Dubois", "Aiko Tanaka", "Noah Fischer", "Zoe Campbell")
    c.add("Maya Singh", "Grace O'Neill")
    c.on(25, "13:00")
    c.hold("Chloé Martin", CHLOE)
    c.on(25, "18:00")
    c.done("Chloé Martin", "thank-you")
    c.on(24, "09:00")
    c.fill_in("Tara Byrne")
    c.done("Tara Byrne", "reach-out")
    c.on(23, "12:35")
    c.log_met(
        "Oliver Brennan",
        c.when(23, "12:00"),
        30,
        "- a phone call; he moved from teaching into running the schools' IT\n"
        "- they need someone for data protection and reporting next year\n",
    )
    c.on(23, "20:00")
    c.done("Oliver Brennan", "thank-you")
    c.on(22, "10:00")
    c.ask("Kwame Asante", 20, "WhatsApp")
    c.on(21, "09:00")
    c.done("Chloé Martin", "custom")
    c.on(21, "11:00")
    c.schedule("Tara Byrne", c.when(9, "12:00"), 30, "Civic Maps office")
    c.on(21, "16:00")
    c.done("Valentina Greco", "prepare")
    c.on(21, "17:00")
    c.move("Hana Suzuki", "stay-in-touch")
    c.move("Felix Wagner", "stay-in-touch")

    # Week 5
    c.on(20, "10:00")
    c.hold("Valentina Greco", VALENTINA)
    c.on(20, "18:30")
    c.log_met(
        "Kwame Asante",
        c.when(20, "17:30"),
        20,
        "- risk models are moving to Python; the old SAS code stays for audits\n",
    )
    c.on(19, "09:00")
    c.done("Valentina Greco", "thank-you")
    c.done("Kwame Asante", "thank-you")
    c.on(19, "10:00")
    c.fill_in("Esther Adeyemi")
    c.ask("Esther Adeyemi", 20, "email")
    c.ask("Bruno Costa", 15, "phone")
    c.on(17, "09:00")
    c.fill_in("Nadia Ivanova")
    c.dismiss("Nadia Ivanova", "reach-out")  # wait for the grid study, Valentina said
    c.on(16, "10:00")
    c.ask("Ines Moreau", 20, "email")
    c.on(16, "16:30")
    c.move("Amara Okafor", "stay-in-touch")
    c.move("Oliver Brennan", "stay-in-touch")

    # Week 6
    c.on(15, "12:20")
    c.log_met(
        "Bruno Costa",
        c.when(15, "12:00"),
        15,
        "- a quick call between two meetings; they are not hiring until spring\n",
    )
    c.on(15, "18:00")
    c.done("Bruno Costa", "thank-you")
    c.on(14, "08:45")
    c.done("Ximena Torres", "prepare")
    c.on(14, "10:30")
    c.done("Esther Adeyemi", "nudge")
    c.on(14, "11:00")
    c.schedule("Ines Moreau", c.when(8, "10:00"), 20, "Bright Path Schools")
    c.on(13, "12:00")
    c.hold("Ximena Torres", XIMENA)
    c.on(12, "09:00")
    c.done("Ximena Torres", "thank-you")
    c.on(11, "09:30")
    c.done("Mateo García", "report-back")
    c.on(11, "10:00")
    c.ask("Ben Whitaker", 19, "LinkedIn")
    c.ask("Quentin Dubois", 20, "phone, through reception")
    c.on(11, "17:00")
    c.move("Mateo García", "stay-in-touch")

    # Week 7
    c.on(10, "08:45")
    c.done("Tara Byrne", "prepare")
    c.on(10, "09:30")
    c.schedule("Ben Whitaker", c.when(2, "16:00"), 19, "Video call")
    c.schedule("Esther Adeyemi", c.when(-7, "10:00"), 20, "Video call")  # away for a few weeks
    c.on(9, "08:30")
    c.done("Ines Moreau", "prepare")
    c.on(9, "12:00")
    c.hold("Tara Byrne", TARA)
    c.on(9, "18:00")
    c.done("Tara Byrne", "thank-you")
    c.on(8, "10:00")
    c.hold("Ines Moreau", INES)
    c.on(8, "11:00")
    c.ask("Isaac Mensah", 19, "email")
    c.on(7, "09:00")
    c.done("Ines Moreau", "thank-you")
    c.done("Quentin Dubois", "second-contact")  # 3B7: wrote to Hamid Karimi too
    c.ask("Zoe Campbell", 20, "email")
    c.on(7, "11:00")
    c.done("Chloé Martin", "report-back")
    c.on(6, "10:00")
    c.ask("Dev Patel", 20, "email")
    c.ask("Maya Singh", 20, "email")
    c.on(6, "16:00")
    c.done("Quentin Dubois", "nudge")
    c.on(6, "18:30")
    c.done("Amara Okafor", "check-in")

    # Week 8
    c.on(5, "09:30")
    c.schedule("Maya Singh", c.when(1, "15:00"), 20, "Civic Maps office")
    c.schedule("Isaac Mensah", c.later_today("15:00"), 19, "Video call (link in the invitation)")
    c.on(4, "11:00")
    c.ask("Liam Murphy", 30, "email")
    c.on(3, "09:00")
    c.schedule("Zoe Campbell", c.when(-2, "11:00"), 20, "Bright Path Schools, 2nd floor café")
    c.on(3, "17:00")
    c.done("Ben Whitaker", "prepare")
    c.on(2, "09:00")
    c.schedule("Liam Murphy", c.when(-8, "17:30"), 30, "Lumen Analytics office")
    c.on(2, "10:00")
    c.touch("Oliver Brennan", "saw him at the EdTech meetup; he asked about school data teams")
    c.todo("Oliver Brennan", c.when(0, "16:00"), "send him the article on school data teams")
    c.on(2, "16:00")
    meetup = c.when(-8, "18:00")  # the meetup, in two weeks
    c.hold("Ben Whitaker", replace(BEN, actions=f"go to the dbt meetup on {meetup:%d %b}"))
    c.on(2, "17:00")
    c.done("Maya Singh", "prepare")
    c.done("Farah Haddad", "prepare")
    c.on(1, "10:00")
    c.ask("Laura Chen", 20, "LinkedIn")
    c.on(1, "11:00")
    c.hold("Farah Haddad", FARAH)
    c.on(1, "15:00")
    c.hold("Maya Singh", MAYA)
    c.on(1, "16:00")
    c.fill_in("Rosa Alvarez")
    c.ask("Rosa Alvarez", 20, "email")
    c.fill_in("Keisha Brown")
    c.done("Isaac Mensah", "prepare")
    c.on(1, "17:00")
    c.introduce("Julia Novak", by="Chloé Martin")
    c.touch("Chloé Martin", "she introduced me to Julia Novak by email")
    c.on(1, "17:30")
    c.snooze("Maya Singh", "thank-you", c.when(0, "14:00"))  # after reading her report
    c.on(1, "18:00")
    c.done("Farah Haddad", "thank-you")
