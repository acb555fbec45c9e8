package io.corral.client.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors, the same as the table in {@code docs/routing.md}. The FNV-1a and SplitMix64 ones are
 * published values (the FNV test suite; the first output of SplitMix64 seeded with 0); the others were
 * computed with an independent Python implementation of the specification and are cross-checked here
 * against the {@link ReferenceRouting} BigInteger implementation as well.
 */
class RoutingVectorsTest {

    @Test
    void fnv1a64PublishedVectors() {
        assertThat(Fnv1a64.hash("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Fnv1a64.hash("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Fnv1a64.hash("foobar")).isEqualTo(0x85944171f73967e8L);
        assertThat(Fnv1a64.hash("user:42")).isEqualTo(0x6c151ea4dcd221c2L);
        assertThat(Fnv1a64.hash("é")).isEqualTo(0x0ac21707b7181e01L);
    }

    @Test
    void fnv1a64OfOneByteByHand() {
        // "a" = 0x61: (basis ^ 0x61) * prime mod 2^64, with prime = 2^40 + 0x1b3.
        long x = 0xcbf29ce484222325L ^ 0x61;
        long byHand = (x << 40) + x * 0x1b3L;
        assertThat(Fnv1a64.hash("a")).isEqualTo(byHand).isEqualTo(0xaf63dc4c8601ec8cL);
    }

    @Test
    void fnv1a64PiecewiseEqualsWhole() {
        byte[] bytes = "shard-key".getBytes(StandardCharsets.UTF_8);
        long piecewise = Fnv1a64.update(Fnv1a64.update(Fnv1a64.OFFSET_BASIS, bytes, 0, 4), bytes, 4, bytes.length - 4);
        assertThat(piecewise).isEqualTo(Fnv1a64.hash(bytes));
    }

    @Test
    void splitMix64Vectors() {
        assertThat(SplitMix64.mix(0)).isZero();
        assertThat(SplitMix64.mix(SplitMix64.GOLDEN_GAMMA)).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(SplitMix64.mix(1)).isEqualTo(0x5692161d100b05e5L);
        assertThat(SplitMix64.mix(-1L)).isEqualTo(0xb4d055fcf2cbbd7bL);
    }

    @Test
    void rendezvousScoreVectors() {
        assertThat(Rendezvous.score("user:42", 0)).isEqualTo(0xd68cb863fc5e0c34L);
        assertThat(Rendezvous.score("user:42", 1)).isEqualTo(0x40a9a038e8d2b15dL);
        assertThat(Rendezvous.score("user:42", 7)).isEqualTo(0x1ef8967e6ce5b29bL);
        assertThat(Rendezvous.score("user:42", -1L)).isEqualTo(0xdb63f7e443c14107L);
        assertThat(Rendezvous.score("alpha", 3)).isEqualTo(0xda35f3084ed74369L);
        assertThat(Rendezvous.score("k", 7)).isEqualTo(0xf3f1bbfd91a76874L);
    }

    @Test
    void rendezvousRouteVectors() {
        long[] shards = {0, 1, 2, 3, 7};
        assertThat(Rendezvous.route("user:42", shards)).isEqualTo(0);
        assertThat(Rendezvous.route("alpha", shards)).isEqualTo(3);
        assertThat(Rendezvous.route("k", shards)).isEqualTo(7);
    }

    @Test
    void rendezvousComparesScoresUnsigned() {
        // score("user:42", 0) = 0xd68c... is negative as a signed long but the highest of the five.
        assertThat(Rendezvous.score("user:42", 0)).isNegative();
        assertThat(Rendezvous.route("user:42", new long[] {7, 3, 2, 1, 0})).isEqualTo(0);
    }

    @Test
    void rendezvousRejectsNoShards() {
        assertThatThrownBy(() -> Rendezvous.route("x", new long[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jumpVectors() {
        assertThat(JumpHash.bucket(0, 2147483647)).isZero();
        assertThat(JumpHash.bucket(1, 10)).isEqualTo(6);
        assertThat(JumpHash.bucket(1, 1000)).isEqualTo(549);
        assertThat(JumpHash.bucket(1, 2147483647)).isEqualTo(262355607);
        assertThat(JumpHash.bucket(0xdeadbeefL, 2)).isEqualTo(1);
        assertThat(JumpHash.bucket(0xdeadbeefL, 10)).isEqualTo(5);
        assertThat(JumpHash.bucket(0xdeadbeefL, 1000)).isEqualTo(285);
        assertThat(JumpHash.bucket(0xcbf29ce484222325L, 1000)).isEqualTo(266);
        assertThat(JumpHash.bucket(-1L, 10)).isEqualTo(9);
        assertThat(JumpHash.bucket(-1L, 1000)).isEqualTo(313);
        assertThat(JumpHash.bucket(-1L, 2147483647)).isEqualTo(699554662);
    }

    @Test
    void jumpOfKeyZeroByHand() {
        // key 0: b = 0, key becomes 1, j = 1 * 2^31 / ((1 >>> 33) + 1) = 2^31, past any int bucket count.
        for (int buckets : new int[] {1, 2, 3, 1000, Integer.MAX_VALUE}) {
            assertThat(JumpHash.bucket(0, buckets)).isZero();
        }
    }

    @Test
    void jumpRejectsNoBuckets() {
        assertThatThrownBy(() -> JumpHash.bucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyRouterVectors() {
        assertThat(KeyRouter.hash(List.of("host-a"))).isEqualTo(0x66fb977456191da5L);
        assertThat(new KeyRouter(4).partition("host-a")).isEqualTo(2);
        assertThat(new KeyRouter(1024).partition("host-a")).isEqualTo(145);
        assertThat(KeyRouter.hash(List.of("host-a", "cpu"))).isEqualTo(0xdd3d9120abd66b70L);
        assertThat(new KeyRouter(4).partition("host-a", "cpu")).isEqualTo(3);
        assertThat(new KeyRouter(1024).partition("host-a", "cpu")).isEqualTo(203);
        assertThat(KeyRouter.hash(List.of("", ""))).isEqualTo(0xaf63d24c8601db8eL);
        assertThat(new KeyRouter(16).partition("", "")).isEqualTo(11);
        assertThat(KeyRouter.hash(List.of("région", "ünïcode"))).isEqualTo(0x78154afa58f446f7L);
        assertThat(new KeyRouter(1024).partition("région", "ünïcode")).isEqualTo(741);
        assertThat(new KeyRouter(1).partition("anything")).isZero();
    }

    @Test
    void keyRouterSeparatorIsOneByte() {
        // Two empty values are the single byte 0x1F.
        assertThat(KeyRouter.hash(List.of("", ""))).isEqualTo(Fnv1a64.hash(new byte[] {0x1F}));
        assertThat(KeyRouter.hash(List.of("host-a", "cpu"))).isEqualTo(Fnv1a64.hash("host-a\u001Fcpu"));
    }

    @Test
    void keyRouterRejectsNoPartitions() {
        assertThatThrownBy(() -> new KeyRouter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
