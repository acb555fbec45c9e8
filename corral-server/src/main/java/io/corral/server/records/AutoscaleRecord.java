package io.corral.server.records;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * The records of autoscaling: a workspace's policy was set, the autoscaler acted, or it declined to act
 * for a reason a person should know. Replayed by {@link AutoscaleReplay}; like every record they carry
 * their own time and actor.
 */
@JsonSubTypes({
        @JsonSubTypes.Type(value = AutoscaleSettingsSet.class, name = "AutoscaleSettingsSet"),
        @JsonSubTypes.Type(value = AutoscaleActed.class, name = "AutoscaleActed"),
        @JsonSubTypes.Type(value = AutoscaleSkipped.class, name = "AutoscaleSkipped"),
})
public sealed interface AutoscaleRecord extends Record permits AutoscaleSettingsSet, AutoscaleActed,
        AutoscaleSkipped {
}
