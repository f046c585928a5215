/// The shipped English scripts: the Chinese scripts' situations, for customers who ask for
/// English (see `DefaultScripts`).
enum DefaultScriptsEn {
    static let files: [(name: String, text: String)] = [
        ("first-contact.en.md", """
        ---
        id: first-contact
        title: First contact
        situation: First call after intake: confirm the complaint is registered, give its number, who handles it and when we answer
        kinds: venting, general, major, special
        stages: received
        roles: operator, handler, team-lead
        record: contact
        language: en
        version: 1
        ---
        Hello {{customer.salutation}}, this is {{agent.name}} from the complaint duty desk. We have registered your complaint under the number {{case.number}}; please quote it whenever you call us.
        {{handler.name}} will follow it up, and we will give you our answer by {{due.decision}}. If anything new comes up in the meantime, please call us at any time.
        Is now a good time to tell me a little more about what happened?

        """),
        ("apology.en.md", """
        ---
        id: apology
        title: Apology
        situation: Our service fell short, was late or caused inconvenience: apologise first, then say what happens next
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: en
        version: 1
        ---
        {{customer.salutation}}, I am very sorry for the trouble this has caused you; we should have done better.
        Your complaint ({{case.number}}) is fully recorded and {{handler.name}} is following it up personally. We will find out what went wrong and give you a clear answer by {{due.decision}}.
        Thank you for your patience.

        """),
        ("claim-waits-holiday.en.md", """
        ---
        id: claim-waits-holiday
        title: Claim investigation after the holiday
        situation: A customer asks about a claims complaint during the holiday: the investigation starts on the first working day after it; the duty desk keeps watching the case
        categories: claims
        kinds: general, major, special
        stages: received, contacted, investigating
        when: holiday
        language: en
        version: 1
        ---
        Hello {{customer.salutation}}, your claims complaint ({{case.number}}) is registered and {{handler.name}} is responsible for it.
        Because of {{calendar.holiday}}, the investigation, which needs our assessors and claims staff, will start on the first working day, {{calendar.first-working-day}}. The duty desk keeps watching your case throughout the holiday; if something urgent comes up, for example an immediate need for funds, please call us and we will raise it with our managers straight away.
        Once the investigation is done we will tell you the result by {{due.decision}}. We apologise for the wait.

        """),
        ("angry-caller.en.md", """
        ---
        id: angry-caller
        title: Calming an upset caller
        situation: The caller is upset or angry: acknowledge the feelings, do not argue, record the request, give a clear next step
        kinds: venting, general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: en
        version: 1
        ---
        {{customer.salutation}}, I understand how frustrating this is; anyone would be upset. Please take your time, and I will write down every point you make.
        Let me check I have understood: what is the one thing you most want us to sort out for you? (Repeat the request back.)
        Your complaint number is {{case.number}}. I am passing this to {{handler.name}} right now, and we will come back to you by {{due.next}}. One person will see this through to the end.

        """),
        ("repeat-complaint.en.md", """
        ---
        id: repeat-complaint
        title: Repeat complaint
        situation: The customer calls again about the same matter: apologise, say it is now escalated and followed up the same day
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        when: repeat
        language: en
        version: 1
        ---
        Hello {{customer.salutation}}. I can see you have had to contact us more than once about this, and I apologise: our handling so far has not been good enough.
        Your complaint ({{case.number}}) is now escalated. {{handler.name}} will follow it up today, and we will call you with an update by {{due.next}}; you will not need to chase us.

        """),
        ("promised-callback.en.md", """
        ---
        id: promised-callback
        title: Agreed callback
        situation: Agree a time to call the customer back, or call back at the agreed time with news
        kinds: general, major, special
        stages: received, contacted, investigating, pending-approval, approved
        language: en
        version: 1
        ---
        Hello {{customer.salutation}}, this is {{agent.name}} from the complaint duty desk. As agreed, we will call you back by {{promised.time}} with news of your complaint ({{case.number}}).
        If that time no longer suits you, we will send a text message and arrange another.

        """),
        ("explain-decision.en.md", """
        ---
        id: explain-decision
        title: Explaining a decision the customer did not want
        situation: The outcome does not meet the customer's request: give the grounds, respect the customer's view, say how to take it further
        categories: claims, sales, product, service
        kinds: general, major, special
        stages: pending-approval, approved, closed
        language: en
        version: 1
        ---
        Hello {{customer.salutation}}, we have finished looking into your complaint ({{case.number}}). Under the terms of your policy and the applicable rules, [the grounds].
        I understand this is not the outcome you hoped for. If you still disagree, you can ask us to review it, or take it to the insurance regulator or a court; your view has been recorded on the case.

        """),
        ("crisis-outlet.en.md", """
        ---
        id: crisis-outlet
        title: At the outlet (crisis event)
        situation: A group complaint at a bank outlet, read by the outlet's manager: take people to a private room, register each request, make no promises
        kinds: general, major, special
        when: crisis
        language: en
        version: 1
        ---
        Good morning everyone. I am the manager of the {{crisis.branch}} outlet. We take what you are telling us very seriously: we have already reported it to our head office and to the insurer, and the insurer's staff are on their way.
        So that we can hear each of you properly, please come with me to the meeting room, where we will write down each person's policy, request and contact details.
        Until the facts are checked we cannot give answers that might turn out to be wrong; thank you for understanding. After registration the insurer will contact each of you in person.

        """),
        ("crisis-media.en.md", """
        ---
        id: crisis-media
        title: Holding statement for the media (crisis event)
        situation: A journalist asks about a crisis event: we take it seriously, facts are being checked, the company speaks with one voice; no customer data, nothing unverified
        kinds: general, major, special
        roles: team-lead, crisis-group
        when: crisis
        language: en
        version: 1
        ---
        Thank you for your enquiry. We take the concerns raised by customers of {{crisis.branch}} very seriously. A dedicated team is working with our partner bank to check each case and resolve customers' requests properly.
        The facts are still being established, and the company will publish any update through its official channels. We will handle this lawfully and truthfully and protect our customers' legitimate interests.
        For interviews, please contact our communications department.

        """),
        ("crisis-regulator.en.md", """
        ---
        id: crisis-regulator
        title: Report to the regulator (crisis event)
        situation: The regulator asks about a crisis event, or a report is due: state truthfully what has been done and where it stands
        kinds: general, major, special
        roles: team-lead, crisis-group
        when: crisis
        language: en
        version: 1
        ---
        Concerning the complaints by {{crisis.people}} customers at {{crisis.branch}}, we report as follows:
        1. As soon as the event occurred we started our complaint and crisis procedure and sent a working group to the site;
        2. Each customer's request has been registered, and we are checking the sale and servicing of the policies concerned with our partner bank;
        3. We will resolve the customers' requests truthfully and in accordance with the law, and report progress to you promptly.
        Contact: {{agent.name}}.

        """),
    ]
}
