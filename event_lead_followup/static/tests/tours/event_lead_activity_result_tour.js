import { registry } from "@web/core/registry";

/**
 * Mark Done on a planned call with a client opens the contact result dialog;
 * the result closes the call.
 */
registry.category("web_tour.tours").add("event_lead_activity_result", {
    steps: () => [
        {
            content: "The planned call is in the client's chatter",
            trigger: ".o-mail-Activity:contains('Discuss the stand') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "The result dialog opens instead of the feedback popover",
            trigger: ".modal .o_form_view div[name=result_type]",
        },
        {
            content: "Choose a free-text result",
            trigger: ".modal div[name=result_type] input[data-value=other]",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".modal div[name=note] textarea",
            run: "edit Wants a 36 m² stand next year",
        },
        {
            content: "Save",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The call is closed with its result in the chatter",
            trigger: ".o-mail-Message:contains('Wants a 36 m² stand next year')",
        },
        {
            content: "No planned call left",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity:contains('Discuss the stand')))",
        },
    ],
});
