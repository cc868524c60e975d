package io.predictivescaling.sentiment;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small lexicon sentiment scorer in the manner of VADER (Hutto and Gilbert, 2014): word valences, with
 * negation ("not great" turns), intensifiers ("very", "so", caps and "!" strengthen), "but" shifting weight
 * to what follows, and emoji. Returns a compound score in [-1, 1]. Gaming and launch vocabulary ("hype",
 * "lag", "servers down") is in the lexicon because that is what our users' communities write.
 */
public final class LexiconScorer {
    private static final Map<String, Double> LEXICON = Map.ofEntries(
            Map.entry("love", 3.2),
            Map.entry("great", 3.1),
            Map.entry("awesome", 3.1),
            Map.entry("amazing", 3.1),
            Map.entry("excellent", 3.2),
            Map.entry("good", 1.9),
            Map.entry("nice", 1.8),
            Map.entry("fun", 2.3),
            Map.entry("happy", 2.7),
            Map.entry("excited", 2.2),
            Map.entry("hype", 2.0),
            Map.entry("hyped", 2.2),
            Map.entry("cool", 1.3),
            Map.entry("best", 3.2),
            Map.entry("win", 2.8),
            Map.entry("epic", 2.5),
            Map.entry("like", 1.5),
            Map.entry("enjoy", 2.2),
            Map.entry("beautiful", 2.9),
            Map.entry("smooth", 1.6),
            Map.entry("fast", 1.2),
            Map.entry("fixed", 1.4),
            Map.entry("thanks", 1.9),
            Map.entry("wow", 2.8),
            Map.entry("bad", -2.5),
            Map.entry("terrible", -3.1),
            Map.entry("awful", -3.1),
            Map.entry("hate", -2.7),
            Map.entry("worst", -3.1),
            Map.entry("broken", -2.2),
            Map.entry("bug", -1.5),
            Map.entry("bugs", -1.5),
            Map.entry("lag", -1.8),
            Map.entry("laggy", -2.0),
            Map.entry("crash", -2.2),
            Map.entry("crashes", -2.2),
            Map.entry("down", -1.2),
            Map.entry("outage", -2.4),
            Map.entry("slow", -1.5),
            Map.entry("sad", -2.1),
            Map.entry("angry", -2.3),
            Map.entry("fail", -2.5),
            Map.entry("failed", -2.3),
            Map.entry("error", -1.8),
            Map.entry("refund", -1.5),
            Map.entry("scam", -2.9),
            Map.entry("boring", -1.6),
            Map.entry("disappointed", -2.2),
            Map.entry("unplayable", -2.9),
            Map.entry("annoying", -1.9),
            Map.entry("wait", -0.5),
            Map.entry("queue", -0.7));
    private static final Map<String, Double> EMOJI = Map.ofEntries(
            Map.entry("\uD83D\uDE00", 2.0),
            Map.entry("\uD83D\uDE0D", 3.0),
            Map.entry("\uD83D\uDD25", 2.0),
            Map.entry("\uD83C\uDF89", 2.5),
            Map.entry("\u2764", 3.0),
            Map.entry("\uD83D\uDC4D", 1.8),
            Map.entry("\uD83D\uDE02", 1.5),
            Map.entry("\uD83D\uDE80", 2.0),
            Map.entry(":)", 1.8),
            Map.entry(":d", 2.2),
            Map.entry("\uD83D\uDE21", -3.0),
            Map.entry("\uD83D\uDE22", -2.2),
            Map.entry("\uD83D\uDC4E", -1.8),
            Map.entry("\uD83D\uDE2D", -1.5),
            Map.entry(":(", -1.8));
    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "isn't", "isnt", "don't", "dont", "doesn't", "doesnt", "can't", "cant", "won't",
            "wont", "wasn't", "wasnt", "aren't", "arent", "nothing");
    private static final Map<String, Double> BOOSTERS = Map.of(
            "very",
            0.293,
            "so",
            0.293,
            "really",
            0.293,
            "extremely",
            0.293,
            "super",
            0.293,
            "totally",
            0.293,
            "slightly",
            -0.293,
            "kinda",
            -0.293,
            "barely",
            -0.293,
            "insanely",
            0.293);
    private static final double NEGATION_FACTOR = -0.74;

    private LexiconScorer() {}

    /** The compound sentiment of a text in [-1, 1]; 0 for nothing recognised. */
    public static double score(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String[] tokens = text.split("\\s+");
        double sum = 0;
        int butAt = -1;
        for (int i = 0; i < tokens.length; i++) {
            if (clean(tokens[i]).equals("but")) {
                butAt = i;
            }
        }
        for (int i = 0; i < tokens.length; i++) {
            String raw = tokens[i];
            String word = clean(raw);
            double valence = LEXICON.getOrDefault(word, 0.0);
            for (var e : EMOJI.entrySet()) {
                if (raw.toLowerCase(Locale.ROOT).contains(e.getKey())) {
                    valence += e.getValue();
                }
            }
            if (valence == 0) {
                continue;
            }
            if (raw.length() > 1
                    && raw.equals(raw.toUpperCase(Locale.ROOT))
                    && !raw.equals(raw.toLowerCase(Locale.ROOT))) {
                valence += Math.signum(valence) * 0.733; // SHOUTING
            }
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                String before = clean(tokens[i - back]);
                Double boost = BOOSTERS.get(before);
                if (boost != null) {
                    valence += Math.signum(valence) * boost * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
                if (NEGATIONS.contains(before)) {
                    valence *= NEGATION_FACTOR;
                    break;
                }
            }
            if (butAt >= 0) {
                valence *= i < butAt ? 0.5 : 1.5;
            }
            sum += valence;
        }
        long exclamations = text.chars().filter(c -> c == '!').count();
        if (sum != 0) {
            sum += Math.signum(sum) * Math.min(4, exclamations) * 0.292;
        }
        return sum / Math.sqrt(sum * sum + 15); // VADER's normalisation, alpha = 15
    }

    private static String clean(String token) {
        return token.toLowerCase(Locale.ROOT).replaceAll("^[^\\p{L}\\p{N}':]+|[^\\p{L}\\p{N}':]+$", "");
    }
}
