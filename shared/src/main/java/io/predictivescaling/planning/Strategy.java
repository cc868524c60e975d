package io.predictivescaling.planning;

/** How a raise is taken. */
public enum Strategy {
    /** Low confidence: in bounded steps, letting reactive scaling do the rest. */
    GRADUAL,
    /** Straight to the capacity the prediction needs. */
    STANDARD,
    /** High confidence and critical severity: straight to the capacity needed, up to the limit. */
    AGGRESSIVE
}
