{
    "name": "Event Leads: Tag Campaigns",
    "summary": "Annual campaigns driven by client tags (industry holidays, "
    "New Year purchase month), sent in the owning advisor's name with tracked "
    "links and click follow-up.",
    "version": "19.0.1.2.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/event-leads/event-leads",
    "author": "Event Leads",
    "license": "LGPL-3",
    "depends": [
        "event_lead_followup",
        "link_tracker",
        "mass_mailing",
    ],
    "data": [
        "security/event_lead_tags_security.xml",
        "security/ir.model.access.csv",
        "data/res_partner_category_data.xml",
        "data/event_lead_date_rule_data.xml",
        "data/mail_template_data.xml",
        "data/event_lead_campaign_data.xml",
        "data/ir_cron_data.xml",
        "views/event_lead_date_rule_views.xml",
        "views/event_lead_campaign_views.xml",
        "views/event_lead_campaign_letter_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/mailing_mailing_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/event_lead_campaign_demo.xml",
        "demo/event_lead_story_demo.xml",
    ],
}
