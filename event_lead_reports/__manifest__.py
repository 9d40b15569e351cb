{
    "name": "Event Leads: Reports",
    "summary": "The reports a sales department is run by: contacts and "
    "effectiveness per manager, event funnel, refusal reasons, plan vs actual, "
    "bonus per owner, Schiffman board, calls by source, document package.",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "event_lead_followup",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/event_lead_funnel_report_rules.xml",
        "views/menus.xml",
        "report/event_lead_funnel_report_views.xml",
    ],
}
