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
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/**
 * Issue 19, within Application Auto Scaling's API limits, against moto: the state of a run's targets is read in
 * bulk (50 resource ids a DescribeScalableTargets call, the namespace's scheduled actions paginated), not with two
 * Describe calls per target, and it is the same state a per-target read gives. Each test works in a region of its
 * own, so the namespace holds exactly the actions the test put there (moto keeps one store per region).
 */
class ApplicationAutoScalingGatewayIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final Instant NOW = Instant.parse("2026-02-02T00:02:00Z");
    static final String DIMENSION = "dynamodb:table:ReadCapacityUnits";

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    ApplicationAutoScalingClient aas;
    ApplicationAutoScalingGateway gateway;

    /** A client of moto's Application Auto Scaling in {@code region}: calls counted, answers paged as AWS pages. */
    ApplicationAutoScalingClient client(String region) {
        aas = TestAws.configure(ApplicationAutoScalingClient.builder())
                .region(Region.of(region))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(
                                    Context.BeforeExecution context, ExecutionAttributes attributes) {
                                calls.computeIfAbsent(
                                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                                                k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        })
                        .addExecutionInterceptor(new PagedLikeAws()))
                .build();
        gateway = new ApplicationAutoScalingGateway(aas, RETRY);
        return aas;
    }

    /**
     * AWS answers DescribeScheduledActions a page at a time (MaxResults, at most and by default 50, then NextToken);
     * moto 5.2.1 answers every action at once ("Pagination is not yet implemented"). This pages moto's whole answer
     * the way AWS would, so the gateway's paging is exercised on moto's real actions.
     */
    static final class PagedLikeAws implements ExecutionInterceptor {
        static final int AWS_PAGE = 50;

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof DescribeScheduledActionsResponse all)
                    || !(context.request() instanceof DescribeScheduledActionsRequest request)) {
                return context.response();
            }
            assertThat(all.nextToken())
                    .as("moto started paging: drop PagedLikeAws")
                    .isNull();
            int size = request.maxResults() == null ? AWS_PAGE : Math.min(AWS_PAGE, request.maxResults());
            int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
            List<ScheduledAction> actions = all.scheduledActions();
            int to = Math.min(actions.size(), from + size);
            return all.toBuilder()
                    .scheduledActions(actions.subList(from, to))
                    .nextToken(to < actions.size() ? Integer.toString(to) : null)
                    .build();
        }
    }

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

    /** Each resource's state read on its own (two Describe calls each): what a bulk read must equal. */
    Map<ScalableResource, Optional<TargetState>> oneByOne(List<ScalableResource> resources) {
        Map<ScalableResource, Optional<TargetState>> states = new java.util.HashMap<>();
        resources.forEach(r -> states.put(r, gateway.state(r)));
        return states;
    }

    @Test
    void sixtyTargetsAreReadWithAtMostFourDescribeCallsAndTheSameStateAsOneByOne() {
        client("us-west-1");
        List<ScalableResource> resources = new ArrayList<>(registered(60));
        ScalableResource unregistered = new ScalableResource("dynamodb", "table/never-registered", DIMENSION);
        resources.add(unregistered);

        calls.clear();
        Map<ScalableResource, Optional<TargetState>> bulk = gateway.states(resources);
        Map<String, Integer> bulkCalls = counts();
        calls.clear();
        Map<ScalableResource, Optional<TargetState>> oneByOne = oneByOne(resources);
        Map<String, Integer> oneByOneCalls = counts();

        assertThat(bulk).isEqualTo(oneByOne);
        assertThat(bulk.get(unregistered)).isEmpty();
        TargetState first = bulk.get(resources.get(0)).orElseThrow();
        assertThat(first.ours()).hasSize(2);
        assertThat(first.others()).extracting(TargetState.Action::minCapacity).containsExactly(30);
        assertThat(bulk.values().stream().flatMap(Optional::stream).filter(TargetState::scheduledScalingSuspended))
                .hasSize(12);
        // 61 resource ids: 2 DescribeScalableTargets; the namespace's 140 actions (60 x 2 of ours, 20 operator's
        // floors): 3 pages of 50.
        assertThat(bulkCalls)
                .as("bulk")
                .containsEntry("DescribeScalableTargets", 2)
                .containsEntry("DescribeScheduledActions", 3);
        assertThat(oneByOneCalls)
                .as("what one read per target costs")
                .containsEntry("DescribeScalableTargets", 61)
                .containsEntry("DescribeScheduledActions", 60);
    }

    @Test
    void aSmallBatchInALargeNamespaceReadsEachTargetsActionsNotTheWholeNamespace() {
        client("eu-west-1");
        List<ScalableResource> batch = registered(3);

        calls.clear();
        Map<ScalableResource, Optional<TargetState>> states = gateway.states(batch);

        assertThat(states).hasSize(3).allSatisfy((r, s) -> assertThat(s).isPresent());
        assertThat(counts()).containsEntry("DescribeScalableTargets", 1).containsEntry("DescribeScheduledActions", 3);
    }

    @Test
    void aBatchReadsItsNamespaceWholeWhileThatIsCheaperThenPerResourceWithTheSameStates() {
        client("us-west-2");
        // The production switch scaled down: whole from 3 targets, while at most 10 actions per target asked for
        // (in production 50 and 50, which takes more than 2,500 actions to cross).
        gateway = new ApplicationAutoScalingGateway(aas, RETRY, 3, 10);
        List<ScalableResource> batch = registered(4); // 10 actions: 4 x 2 of ours, 2 operator's floors
        Map<ScalableResource, Optional<TargetState>> expected = oneByOne(batch);

        calls.clear();
        Map<ScalableResource, Optional<TargetState>> small = gateway.states(batch);
        Map<String, Integer> smallCalls = counts();
        // The rest of the fleet arrives: 20 more tables, 47 more actions; 57 in the namespace, more than 10 x 4.
        registered(20);
        calls.clear();
        Map<ScalableResource, Optional<TargetState>> grown = gateway.states(batch);
        Map<String, Integer> grownCalls = counts();
        calls.clear();
        Map<ScalableResource, Optional<TargetState>> switched = gateway.states(batch);
        Map<String, Integer> switchedCalls = counts();
        // Allowed 20 actions per target (80 for the batch), a gateway reads all 57 namespace-wide.
        calls.clear();
        Map<ScalableResource, Optional<TargetState>> paged =
                new ApplicationAutoScalingGateway(aas, RETRY, 3, 20).states(batch);
        Map<String, Integer> pagedCalls = counts();

        assertThat(expected.values()).allSatisfy(s -> assertThat(s).isPresent());
        assertThat(small).as("namespace-wide, one page").isEqualTo(expected);
        assertThat(grown).as("one page, then per resource").isEqualTo(expected);
        assertThat(switched).as("per resource").isEqualTo(expected);
        assertThat(paged).as("namespace-wide, two pages").isEqualTo(expected);
        assertThat(smallCalls).containsEntry("DescribeScalableTargets", 1).containsEntry("DescribeScheduledActions", 1);
        // The last whole read saw 10: whole again, but its first page already holds 50 > 10 x 4 with more to come,
        // so it stops there and reads the 4 targets' actions (it would otherwise page through the whole fleet).
        assertThat(grownCalls).containsEntry("DescribeScheduledActions", 1 + 4);
        // It saw more than 10 x 4: one read per target from now on.
        assertThat(switchedCalls)
                .containsEntry("DescribeScalableTargets", 1)
                .containsEntry("DescribeScheduledActions", 4);
        assertThat(pagedCalls).containsEntry("DescribeScheduledActions", 2);
    }

    Map<String, Integer> counts() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
