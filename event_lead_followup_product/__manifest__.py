{
    "name": "Event Leads: Product Dossiers",
    "summary": "Product dossier: our products and their analogues and substitutes on the market.",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "event_lead_followup",
        "product",
    ],
    "data": [
        "views/event_lead_dossier_entry_views.xml",
        "views/product_template_views.xml",
    ],
    "auto_install": True,
}
