package io.predictivescaling.common;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Keyword matching on text as a reader sees it, shared by the feeds that turn news into known events and into social
 * signals. Two spellings a reader cannot tell apart match alike: Unicode's composed and decomposed accents ({@code
 * é} typed vs {@code e} + combining accent, folded by NFC, {@link Normalizer}), the typographic apostrophes, quotes
 * and dashes that publishing tools write for the plain ones ({@code Tom&#8217;s} in a WordPress feed for the
 * keyword {@code tom's}), no-break spaces and runs of whitespace, and letter case (in {@link Locale#ROOT}).
 */
public final class Keywords {
    private Keywords() {}

    /**
     * The text in the one form matching compares.
     *
     * @param text any text, HTML already removed; null reads as empty
     * @return NFC, typographic quotes and dashes as ASCII, whitespace collapsed, lower case
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC)
                .replaceAll("[\u2018\u2019\u201a\u201b\u2032\u02bc]", "'")
                .replaceAll("[\u201c\u201d\u201e\u201f\u2033]", "\"")
                .replaceAll("[\u2010\u2011\u2012\u2013\u2014\u2212]", "-")
                .replaceAll("[\\s\u00a0\u202f]+", " ")
                .trim();
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} contains {@code keyword}, both {@linkplain #fold folded}. */
    public static boolean contains(String text, String keyword) {
        return fold(text).contains(fold(keyword));
    }
}
