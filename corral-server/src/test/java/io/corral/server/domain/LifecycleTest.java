package io.corral.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void eachStateHasItsOwnLowerCaseWireWord() {
        assertThat(Lifecycle.ACTIVE.wire()).isEqualTo("active");
        assertThat(Lifecycle.MAINTENANCE.wire()).isEqualTo("maintenance");
        for (Lifecycle l : Lifecycle.values()) {
            assertThat(l.wire()).isEqualTo(l.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
