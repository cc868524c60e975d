package io.predictivescaling.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A text file's bytes as text, the one way every reader here decodes what users and servers hand it (a trace CSV, a
 * calendar from a file or a URL, a feed's plain body): a byte-order mark decides (and is dropped), else the charset
 * whoever served it names, else UTF-16 when the bytes show it without a mark (some Windows tools write so), else
 * UTF-8 when the bytes are UTF-8, else windows-1252 (what Outlook, Excel and other Windows exporters write; a superset
 * of ISO-8859-1), said to be {@code guessed}.
 */
public final class TextBytes {
    private TextBytes() {}

    /** A text and the character set it was read in; {@code guessed} when the bytes were not the UTF-8 assumed. */
    public record Decoded(String text, Charset charset, boolean guessed) {}

    /**
     * @param named a charset name (e.g. a {@code Content-Type} charset), or null; an unknown name is ignored
     */
    public static Decoded decode(byte[] bytes, String named) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Decoded(
                    new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
        }
        if (hasUtf16Mark(bytes)) {
            // Java's UTF-16 reads the mark, picks the byte order and drops it.
            return new Decoded(new String(bytes, StandardCharsets.UTF_16), StandardCharsets.UTF_16, false);
        }
        if (named != null) {
            try {
                Charset charset = Charset.forName(named.trim().replace("\"", ""));
                return new Decoded(new String(bytes, charset), charset, false);
            } catch (IllegalArgumentException unknownCharset) {
                // fall through to what the bytes say
            }
        }
        Charset unmarked = unmarkedUtf16(bytes);
        if (unmarked != null) {
            return new Decoded(new String(bytes, unmarked), unmarked, false);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Decoded(text, StandardCharsets.UTF_8, false);
        } catch (CharacterCodingException notUtf8) {
            Charset windows = Charset.forName("windows-1252");
            return new Decoded(new String(bytes, windows), windows, true);
        }
    }

    /**
     * Whether these bytes are UTF-16 (a mark, a named UTF-16 charset, or the zero bytes of UTF-16 without a mark):
     * then they cannot be worked on as single-byte octets (as an iCalendar unfolding does) before decoding.
     */
    public static boolean isUtf16(byte[] bytes, String named) {
        return hasUtf16Mark(bytes)
                || named != null && named.toUpperCase(Locale.ROOT).contains("UTF-16")
                || unmarkedUtf16(bytes) != null;
    }

    private static boolean hasUtf16Mark(byte[] b) {
        return b.length >= 2
                && ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE);
    }

    /**
     * UTF-16 without a byte-order mark: the zero high bytes of ASCII text sit at every odd (little-endian) or even
     * (big-endian) position of the first 2,000 bytes; UTF-8 text holds no zero bytes. Null when not so.
     */
    private static Charset unmarkedUtf16(byte[] b) {
        int pairs = Math.min(b.length, 2000) / 2;
        int zeroOdd = 0;
        int zeroEven = 0;
        for (int i = 0; i < pairs; i++) {
            zeroEven += b[2 * i] == 0 ? 1 : 0;
            zeroOdd += b[2 * i + 1] == 0 ? 1 : 0;
        }
        if (pairs >= 2 && zeroOdd > 0.9 * pairs && zeroEven == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (pairs >= 2 && zeroEven > 0.9 * pairs && zeroOdd == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }
}
