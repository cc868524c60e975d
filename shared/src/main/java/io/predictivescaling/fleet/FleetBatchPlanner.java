package io.predictivescaling.fleet;

import io.predictivescaling.scaling.PredictAndScaleService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * predict-and-scale's side of the fleet queue: plans the targets of a delivery of queue messages (one Lambda
 * invocation) in one run of the planning core, so a metric shared by several targets is forecast once.
 * <ul>
 *   <li>Each target is planned under a lease: a target another run is planning right now is skipped (that
 *       run plans it), never planned twice at once.</li>
 *   <li>Partial failure stays partial: when some targets of a message fail, only those are sent back to the
 *       queue as a new message and the original message succeeds, so its good targets are not retried.</li>
 *   <li>A message whose every planned target failed, or that is not a plan batch at all, is reported failed:
 *       SQS redelivers it and, after the queue's maxReceiveCount, moves it to the dead-letter queue.</li>
 * </ul>
 */
public final class FleetBatchPlanner {
    private final PredictAndScaleService service;
    private final LeaseStore leases;
    private final PlanQueue retries;
    private final Duration leaseTtl;

    /** @param leaseTtl how long a lease holds if its run dies without releasing it: the function's timeout */
    public FleetBatchPlanner(PredictAndScaleService service, LeaseStore leases, PlanQueue retries, Duration leaseTtl) {
        this.service = service;
        this.leases = leases;
        this.retries = retries;
        this.leaseTtl = leaseTtl;
    }

    /** A received queue message: its id (for the partial batch response) and body. */
    public record Message(String id, String body) {}

    /**
     * @param failedMessageIds messages to report in {@code batchItemFailures}
     * @param requeuedTargets targets that failed in a message whose other targets succeeded, sent back alone
     * @param leasedElsewhere targets skipped because another run holds their lease
     * @param problems one line per rejected message, failed target or skipped target, with the reason
     */
    public record Outcome(
            PredictAndScaleService.Result result,
            List<String> failedMessageIds,
            List<String> requeuedTargets,
            List<String> leasedElsewhere,
            List<String> problems) {}

    public Outcome handle(Instant now, String holder, List<Message> messages) {
        List<String> failedMessages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Message> valid = new ArrayList<>();
        List<PlanBatch> batches = new ArrayList<>();
        for (Message m : messages) {
            try {
                batches.add(PlanBatch.fromJson(m.body()));
                valid.add(m);
            } catch (IllegalArgumentException e) {
                failedMessages.add(m.id());
                problems.add("message " + m.id() + " rejected (goes to the dead-letter queue after its retries): "
                        + e.getMessage());
            }
        }
        Set<String> leased = new LinkedHashSet<>();
        List<String> elsewhere = new ArrayList<>();
        PredictAndScaleService.Result result;
        try {
            for (PlanBatch batch : batches) {
                for (String id : batch.targetIds()) {
                    if (leased.contains(id)) {
                        continue;
                    }
                    if (leases.acquire(id, holder, now, leaseTtl)) {
                        leased.add(id);
                    } else {
                        elsewhere.add(id);
                        problems.add("target " + id + " skipped: another run is planning it now (lease held)");
                    }
                }
            }
            result = leased.isEmpty()
                    ? new PredictAndScaleService.Result(0, 0, List.of(), List.of())
                    : service.runTargets(now, leased);
        } catch (RuntimeException e) {
            // The run as a whole failed (e.g. a table unreachable): every message is retried by SQS.
            valid.forEach(m -> failedMessages.add(m.id()));
            problems.add("run failed, all " + valid.size() + " messages will be retried: " + e.getMessage());
            return new Outcome(
                    new PredictAndScaleService.Result(0, 0, List.of(), List.of()),
                    failedMessages,
                    List.of(),
                    elsewhere,
                    problems);
        } finally {
            leased.forEach(id -> leases.release(id, holder));
        }
        problems.addAll(result.problems());
        Set<String> failedTargets = Set.copyOf(result.failed());
        List<String> requeued = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            List<String> planned =
                    batches.get(i).targetIds().stream().filter(leased::contains).toList();
            List<String> failed =
                    planned.stream().filter(failedTargets::contains).toList();
            if (failed.isEmpty()) {
                continue;
            }
            if (failed.size() == planned.size()) {
                failedMessages.add(valid.get(i).id());
                continue;
            }
            try {
                retries.send(List.of(new PlanBatch(failed, 0)));
                requeued.addAll(failed);
            } catch (RuntimeException e) {
                failedMessages.add(valid.get(i).id());
                problems.add("message " + valid.get(i).id() + " retried whole: its failed targets could not be "
                        + "sent back alone: " + e.getMessage());
            }
        }
        return new Outcome(result, failedMessages, requeued, elsewhere, problems);
    }
}
