/**
 * "Mark Done" on a planned contact that needs a formal result (a call or a
 * meeting with a client) opens the contact result dialog instead of Odoo's
 * feedback popover; the server refuses to close such a contact without its
 * result anyway.
 */
import { Activity as ActivityModel } from "@mail/core/common/activity_model";
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";

import { patch } from "@web/core/utils/patch";

patch(ActivityModel.prototype, {
    /** Open the result dialog of this contact; resolves when it is closed. */
    async eventLeadRecordResult() {
        const services = this.store.env.services;
        const action = await services.orm.call(
            "mail.activity",
            "action_event_lead_record_result",
            [[this.id]]
        );
        await new Promise((resolve) => services.action.doAction(action, { onClose: resolve }));
        this.store.activityBroadcastChannel?.postMessage({
            type: "RELOAD_CHATTER",
            payload: { id: this.res_id, model: this.res_model },
        });
    },
    async markAsDone(attachmentIds = []) {
        if (this.event_lead_result_required) {
            return this.eventLeadRecordResult();
        }
        return super.markAsDone(...arguments);
    },
    async markAsDoneAndScheduleNext() {
        if (this.event_lead_result_required) {
            await this.eventLeadRecordResult();
            return false;
        }
        return super.markAsDoneAndScheduleNext(...arguments);
    },
});

patch(Activity.prototype, {
    async onClickMarkAsDone(ev) {
        const activity = this.props.activity;
        if (!activity.event_lead_result_required) {
            return super.onClickMarkAsDone(...arguments);
        }
        const thread = this.thread;
        await activity.eventLeadRecordResult();
        this.props.onActivityChanged(thread);
        await thread.fetchNewMessages();
    },
});

patch(ActivityListPopoverItem.prototype, {
    async onClickMarkAsDone() {
        const activity = this.props.activity;
        if (!activity.event_lead_result_required) {
            return super.onClickMarkAsDone(...arguments);
        }
        await activity.eventLeadRecordResult();
        this.props.onActivityChanged?.();
    },
});
