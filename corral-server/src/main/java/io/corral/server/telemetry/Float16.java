package io.corral.server.telemetry;

/**
 * A 16-bit encoding of non-negative floats: the upper 16 bits of an IEEE-754 single without its sign
 * (8 exponent bits, 8 mantissa bits), rounded to nearest. Relative error at most 2<sup>-9</sup>
 * (about 0.2 %) over the whole float range, which is ample for charted history and halves its memory.
 * Negative values encode as 0; {@link #EMPTY} marks "no sample".
 */
final class Float16 {
    /** The code of "no sample" (an exponent of all ones, which no finite value uses). */
    static final char EMPTY = 0xFFFF;
    private static final char MAX_FINITE = 0xFEFF;

    private Float16() {
    }

    static char encode(double value) {
        if (Double.isNaN(value)) {
            return EMPTY;
        }
        float f = value <= 0 ? 0f : (float) value;
        int rounded = (Float.floatToRawIntBits(f) + 0x4000) >>> 15;
        return rounded >= 0xFF00 ? MAX_FINITE : (char) rounded;
    }

    static float decode(char code) {
        return code == EMPTY ? Float.NaN : Float.intBitsToFloat(code << 15);
    }
}
