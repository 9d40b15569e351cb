{
    "name": "Event Leads: Follow-up",
    "summary": "Carry the contacts met at events to sales: ownership, "
    "duplicate guard, event funnel, follow-ups, contact results, deal statuses "
    "and the sales document package.",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "contacts",
        "crm",
        "event",
        "event_crm",
        "mail",
        "partner_firstname",
    ],
    "data": [
        "security/event_lead_followup_security.xml",
        "security/event_lead_dossier_security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
        "views/res_config_settings_views.xml",
        "views/event_lead_dossier_entry_views.xml",
        "views/res_partner_dossier_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "event_lead_followup/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
