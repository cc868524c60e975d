package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/** How the adapter tells our scheduled actions from others', on SDK objects (no AWS; moto: the gateway's IT). */
class ApplicationAutoScalingGatewayStateTest {
    static ScheduledAction action(String name, String schedule, int min) {
        return ScheduledAction.builder()
                .scheduledActionName(name)
                .schedule(schedule)
                .resourceId("service/c/shop")
                .scalableTargetAction(t -> t.minCapacity(min))
                .build();
    }

    @Test
    void onlyANameOfOurExactFormIsOursAPersonsNameWithOurPrefixIsTheirs() {
        ScalableTarget target = ScalableTarget.builder()
                .resourceId("service/c/shop")
                .minCapacity(2)
                .maxCapacity(40)
                .build();

        TargetState state = ApplicationAutoScalingGateway.state(
                target,
                List.of(
                        action("predictive-scaling-20261128T1355Z", "at(2026-11-28T13:55:00)", 9),
                        action("predictive-scaling-sale", "at(2026-11-28T09:00:00)", 30),
                        action("predictive-scaling-nightly", "cron(0 4 * * ? *)", 2)));

        assertThat(state.ours())
                .extracting(CapacityGateway.ExistingAction::name)
                .containsExactly("predictive-scaling-20261128T1355Z");
        assertThat(state.others())
                .extracting(TargetState.Action::name)
                .containsExactly("predictive-scaling-sale", "predictive-scaling-nightly");
    }
}
