package io.predictivescaling.testing.fakes;

import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The targets table in memory, in target-id order. Targets are given as {@link ScalableTarget}s, or as the
 * table's own attributes through {@link io.predictivescaling.targets.TargetItems} so a test reads like the README.
 */
public final class InMemoryTargetRepository implements TargetRepository {
    private final Map<String, ScalableTarget> targets = new ConcurrentSkipListMap<>();
    private final List<String> problems = new ArrayList<>();

    public InMemoryTargetRepository put(ScalableTarget target) {
        targets.put(target.targetId(), target);
        return this;
    }

    public InMemoryTargetRepository remove(String targetId) {
        targets.remove(targetId);
        return this;
    }

    /** A row the adapter would skip, with the one-line reason it reports (e.g. a malformed attribute). */
    public InMemoryTargetRepository problem(String problem) {
        problems.add(problem);
        return this;
    }

    @Override
    public Loaded loadAll() {
        return new Loaded(List.copyOf(targets.values()), List.copyOf(problems));
    }
}
