package io.corral.server.policies.placement;

import java.util.Arrays;

/** A growable list of ints, without boxing. Not thread-safe; placement uses it inside one call. */
final class IntList {
    private int[] values;
    private int size;

    IntList() {
        this(8);
    }

    IntList(int capacity) {
        values = new int[Math.max(1, capacity)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** The backing array, valid up to {@link #size()}; it is not copied. */
    int[] raw() {
        return values;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
