{
    "name": "Event Leads: Reports",
    "summary": "The reports a sales department is run by: contacts and "
    "effectiveness per manager, event funnel, refusal reasons, plan vs actual, "
    "bonus per owner, Schiffman board, calls by source, document package.",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "board",
        "event_lead_followup",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/event_lead_funnel_report_rules.xml",
        "security/event_lead_reports_rules.xml",
        "data/ir_cron_data.xml",
        "report/event_lead_contact_report_views.xml",
        "report/event_lead_refusal_report_views.xml",
        "report/event_lead_plan_report_views.xml",
        "report/event_lead_bonus_report_views.xml",
        "report/event_lead_schiffman_report_views.xml",
        "report/event_lead_call_report_views.xml",
        "report/event_lead_document_report_views.xml",
        "report/event_lead_manager_report_templates.xml",
        "wizards/event_lead_manager_report_wizard_views.xml",
        "views/event_lead_sales_plan_views.xml",
        "views/event_lead_dashboard_views.xml",
        "views/res_config_settings_views.xml",
        "report/event_lead_funnel_report_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "event_lead_reports/static/src/scss/work_report.scss",
        ],
        "web.assets_tests": [
            "event_lead_reports/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/event_lead_reports_demo.xml",
    ],
}
