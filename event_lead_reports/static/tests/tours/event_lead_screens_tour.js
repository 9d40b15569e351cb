import { registry } from "@web/core/registry";

/**
 * Tiny tours that bring a screen into the state shown in the README's
 * screenshots (docs/screens, setup/screenshots.sh). Language-neutral: they
 * select by technical names only. Parameters come from window.elScreen.
 */
const tours = registry.category("web_tour.tours");
const params = () => window.elScreen || {};

// Drop the first `facets` default filters (all by default): everyone's records.
tours.add("event_lead_screen_all_records", {
    steps: () => [
        {
            trigger: ".o_searchview",
            async run() {
                let facet;
                let left = params().facets ?? 99;
                while (left-- > 0 && (facet = document.querySelector(".o_searchview_facet .o_facet_remove"))) {
                    facet.click();
                    await new Promise((resolve) => setTimeout(resolve, 500));
                }
            },
        },
        { trigger: ".o_data_row, .o_kanban_record:not(.o_kanban_ghost)" },
    ],
});

tours.add("event_lead_screen_duplicate", {
    steps: () => [
        { trigger: ".modal .o_field_widget[name=name] input", run: `edit ${params().name}` },
        { trigger: ".modal button[name=action_check]", run: "click" },
        { trigger: ".modal .alert-danger" },
        { trigger: ".modal .o_data_row" },
    ],
});

tours.add("event_lead_screen_funnel", {
    steps: () => [
        { trigger: ".o_form_view .o_notebook a[name=event_lead_funnel]", run: "click" },
        { trigger: ".o_form_view div[name=event_lead_funnel_stages]" },
    ],
});

tours.add("event_lead_screen_no_shows", {
    steps: () => [
        { trigger: ".o_form_view .o_notebook a[name=event_lead_funnel]", run: "click" },
        {
            // the third exit of the funnel: the registered who did not come
            trigger: ".o_form_view div[name=event_lead_funnel_exits] button:nth-child(3)",
            run: "click",
        },
        { trigger: ".o_list_renderer .o_data_row" },
    ],
});

tours.add("event_lead_screen_result_dialog", {
    steps: () => [
        {
            // the row of the participant whose follow-up asks for a result
            trigger: `.o_data_row:contains("${params().name}") button[name=action_event_lead_record_result]`,
            run: "click",
        },
        { trigger: ".modal div[name=result_type] input[data-value=postponed]" },
    ],
});
