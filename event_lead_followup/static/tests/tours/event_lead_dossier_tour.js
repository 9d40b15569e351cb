import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("event_lead_dossier_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("event_lead_followup.event_lead_menu_root", "Open the Event Leads app."),
        {
            content: "Open the Market menu.",
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_market"]',
            run: "click",
        },
        {
            content: "Open the dossiers.",
            trigger: 'a[data-menu-xmlid="event_lead_followup.event_lead_dossier_entry_menu"]',
            run: "click",
        },
        {
            content: "The dossiers are shown.",
            trigger: ".o_breadcrumb:contains(Dossiers)",
        },
        {
            content: "Add an entry.",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Say what was learnt.",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Romashka opens a branch in Kazan",
        },
        {
            content: "Say about whom.",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Romashka Tour",
        },
        {
            content: "Pick the client.",
            trigger: ".o-autocomplete--dropdown-menu li a:contains(Romashka Tour)",
            run: "click",
        },
        {
            content: "Save.",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the form is clean again.",
            trigger: ".o_form_saved",
        },
    ],
});
