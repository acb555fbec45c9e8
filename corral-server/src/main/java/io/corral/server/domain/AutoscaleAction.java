package io.corral.server.domain;

import java.util.Locale;

/** What one autoscale decision does: promote a standby node, drain a member node, or nothing. */
public enum AutoscaleAction {
    SCALE_OUT,
    SCALE_IN,
    NONE;

    /** The lower-case word used in events and the API, e.g. {@code scale_out}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
