package io.corral.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The memo spares hashing only: the stored hash passed in decides every time. */
class TokenDigestsTest {
    private final TokenDigests digests = new TokenDigests();

    @Test
    void aRememberedTokenStillMatchesOnlyTheHashItIsCheckedAgainst() {
        String token = Tokens.nodeToken("n1", Tokens.newSecret());
        String hash = Tokens.hash(token);
        assertThat(digests.matches(token, "crn_n1", hash)).isTrue();
        assertThat(digests.size()).isEqualTo(1);
        assertThat(digests.matches(token, "crn_n1", hash)).isTrue();

        // The node registered again with a new token: the stored hash changed, the old token is refused.
        String newToken = Tokens.nodeToken("n1", Tokens.newSecret());
        assertThat(digests.matches(token, "crn_n1", Tokens.hash(newToken))).isFalse();
        assertThat(digests.matches(newToken, "crn_n1", Tokens.hash(newToken))).isTrue();
        assertThat(digests.matches(token, "crn_n1", Tokens.hash(newToken))).isFalse();
        assertThat(digests.matches(token, "crn_n1", null)).isFalse();
    }

    @Test
    void aTokenThatMatchedIsNotHashedAgain() {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(Tokens.nodeToken(String.format("hb-%05d", i), Tokens.newSecret()));
        }
        for (int round = 0; round < 3; round++) {
            for (String t : tokens) {
                assertThat(digests.matches(t, t.substring(0, t.lastIndexOf('.')), Tokens.hash(t))).isTrue();
            }
        }
        assertThat(digests.hashedCount()).isEqualTo(1000);
    }

    @Test
    void aDifferentTokenClaimingTheSameCredentialIsHashedAfresh() {
        String token = Tokens.nodeToken("n1", Tokens.newSecret());
        String hash = Tokens.hash(token);
        assertThat(digests.matches(token, "crn_n1", hash)).isTrue();
        String forged = Tokens.nodeToken("n1", Tokens.newSecret());
        assertThat(digests.matches(forged, "crn_n1", hash)).isFalse();
        // Its last character changed (to one it is not: a random secret may end in any letter).
        char last = token.charAt(token.length() - 1);
        String oneOff = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(digests.matches(oneOff, "crn_n1", hash)).isFalse();
    }

    @Test
    void onlyMatchingTokensAreRememberedAndTheMemoIsBounded() {
        for (int i = 0; i < 100; i++) {
            digests.matches(Tokens.nodeToken("n" + i, "secret"), "crn_n" + i, Tokens.hash("other"));
        }
        assertThat(digests.size()).isZero();
        for (int i = 0; i < TokenDigests.MAX_ENTRIES + 10; i++) {
            String t = "crn_n" + i + ".s";
            digests.matches(t, "crn_n" + i, Tokens.hash(t));
        }
        assertThat(digests.size()).isLessThanOrEqualTo(TokenDigests.MAX_ENTRIES);
    }

    @Test
    void comparesHexLikeTheStoredForm() {
        byte[] digest = Tokens.sha256("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String hex = Tokens.hash("x");
        assertThat(TokenDigests.equalsHex(digest, hex)).isTrue();
        assertThat(TokenDigests.equalsHex(digest, hex.toUpperCase())).isFalse();
        assertThat(TokenDigests.equalsHex(digest, hex.substring(1))).isFalse();
        assertThat(TokenDigests.equalsHex(digest, "")).isFalse();
    }
}
