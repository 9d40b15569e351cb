{
    "name": "Event Leads: Follow-up with Invoicing",
    "summary": "Link the documents of a deal's package to their invoices; accountants use Invoicing.",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "event_lead_followup",
        "account",
    ],
    "data": [
        "security/event_lead_followup_account_security.xml",
        "security/ir.model.access.csv",
        "views/event_lead_document_views.xml",
        "views/account_move_views.xml",
    ],
    "auto_install": True,
}
