package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/**
 * Issue 19, within Application Auto Scaling's API limits, against moto: the state of a run's targets is read in
 * bulk (50 resource ids a DescribeScalableTargets call, the namespace's scheduled actions paginated), not with two
 * Describe calls per target, and it is the same state a per-target read gives.
 */
class ApplicationAutoScalingGatewayIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final Instant NOW = Instant.parse("2026-02-02T00:02:00Z");
    static final String DIMENSION = "dynamodb:table:ReadCapacityUnits";

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final ApplicationAutoScalingClient aas = TestAws.configure(ApplicationAutoScalingClient.builder())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    calls.computeIfAbsent(
                                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                                    k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }))
            .build();
    final ApplicationAutoScalingGateway gateway = new ApplicationAutoScalingGateway(aas, RETRY);

    /** {@code n} registered tables, each with a raise and a restore of ours and, every third, an operator's floor. */
    List<ScalableResource> registered(int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ScalableResource> resources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ScalableResource r =
                    new ScalableResource("dynamodb", String.format(Locale.ROOT, "table/gw-%s-%02d", run, i), DIMENSION);
            int min = 2 + i % 5;
            aas.registerScalableTarget(t -> t.serviceNamespace("dynamodb")
                    .resourceId(r.resourceId())
                    .scalableDimension(DIMENSION)
                    .minCapacity(min)
                    .maxCapacity(40)
                    .suspendedState(s -> s.scheduledScalingSuspended(min == 6)));
            gateway.putScheduledAction(r, new ScheduledFloor(NOW.plus(Duration.ofHours(2)), 10 + i, 0, false));
            gateway.putScheduledAction(r, new ScheduledFloor(NOW.plus(Duration.ofHours(5)), min, 0, true));
            if (i % 3 == 0) {
                aas.putScheduledAction(a -> a.serviceNamespace("dynamodb")
                        .resourceId(r.resourceId())
                        .scalableDimension(DIMENSION)
                        .scheduledActionName("sale-floor")
                        .schedule("at(2026-02-03T04:00:00)")
                        .scalableTargetAction(s -> s.minCapacity(30)));
            }
            resources.add(r);
        }
        return resources;
    }

    @Test
    void sixtyTargetsAreReadWithAtMostFourDescribeCallsAndTheSameStateAsOneByOne() {
        List<ScalableResource> resources = new ArrayList<>(registered(60));
        ScalableResource unregistered = new ScalableResource("dynamodb", "table/never-registered", DIMENSION);
        resources.add(unregistered);

        calls.clear();
        Map<ScalableResource, Optional<TargetState>> bulk = gateway.states(resources);
        Map<String, Integer> bulkCalls = counts();
        calls.clear();
        Map<ScalableResource, Optional<TargetState>> oneByOne = new java.util.HashMap<>();
        resources.forEach(r -> oneByOne.put(r, gateway.state(r)));
        Map<String, Integer> oneByOneCalls = counts();

        assertThat(bulk).isEqualTo(oneByOne);
        assertThat(bulk.get(unregistered)).isEmpty();
        TargetState first = bulk.get(resources.get(0)).orElseThrow();
        assertThat(first.ours()).hasSize(2);
        assertThat(first.others()).extracting(TargetState.Action::minCapacity).containsExactly(30);
        assertThat(bulk.values().stream().flatMap(Optional::stream).filter(TargetState::scheduledScalingSuspended))
                .hasSize(12);
        // 61 resource ids: 2 DescribeScalableTargets; the namespace's actions: one page in moto (AWS pages 50 at a
        // time).
        assertThat(bulkCalls).as("bulk").containsEntry("DescribeScalableTargets", 2);
        assertThat(bulkCalls.get("DescribeScheduledActions"))
                .as("bulk: %s", bulkCalls)
                .isBetween(1, 2);
        assertThat(oneByOneCalls)
                .as("what one read per target costs")
                .containsEntry("DescribeScalableTargets", 61)
                .containsEntry("DescribeScheduledActions", 60);
    }

    @Test
    void aSmallBatchInALargeNamespaceReadsEachTargetsActionsNotTheWholeNamespace() {
        List<ScalableResource> batch = registered(3);

        calls.clear();
        Map<ScalableResource, Optional<TargetState>> states = gateway.states(batch);

        assertThat(states).hasSize(3).allSatisfy((r, s) -> assertThat(s).isPresent());
        assertThat(counts()).containsEntry("DescribeScalableTargets", 1).containsEntry("DescribeScheduledActions", 3);
    }

    Map<String, Integer> counts() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
