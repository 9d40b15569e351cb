{
    "name": "Event Leads: Follow-up with Sales",
    "summary": "The document package of a deal on its sales orders; sales orders in contact results.",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "event_lead_followup",
        "sale_crm",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/event_lead_document_views.xml",
        "views/sale_order_views.xml",
        "wizards/event_lead_contact_result_wizard_views.xml",
    ],
    "auto_install": True,
}
