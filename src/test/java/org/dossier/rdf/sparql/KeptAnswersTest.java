package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeptAnswersTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aQueryKeepsOneAnswerHowEverOftenTheStoreChanges() {
    KeptAnswers<String> kept = new KeptAnswers<>(1 << 20, q -> q);
    for (long version = 1; version <= 1000; version++) {
      kept.put("SELECT * {?s ?p ?o}", version, bytes("answer " + version));
    }
    assertEquals(1, kept.size(), "the answers of versions gone are replaced, not kept beside");
    assertArrayEquals(bytes("answer 1000"), kept.get("SELECT * {?s ?p ?o}", 1000));
  }

  @Test
  void anAnswerCountsOnlyAtItsVersion() {
    KeptAnswers<String> kept = new KeptAnswers<>(1 << 20, q -> q);
    kept.put("ASK {}", 7, bytes("true"));
    assertArrayEquals(bytes("true"), kept.get("ASK {}", 7));
    assertNull(kept.get("ASK {}", 8), "the store changed since");
    assertNull(kept.get("ASK {}", 6));
    assertNull(kept.get(null, 7));
  }

  @Test
  void anOlderAnswerDoesNotReplaceANewerOne() {
    KeptAnswers<String> kept = new KeptAnswers<>(1 << 20, q -> q);
    kept.put("ASK {}", 9, bytes("new"));
    kept.put("ASK {}", 8, bytes("old")); // a client that began before the change ends after it
    assertArrayEquals(bytes("new"), kept.get("ASK {}", 9));
    assertNull(kept.get("ASK {}", 8));
  }

  @Test
  void theBoundInBytesHolds() {
    KeptAnswers<String> kept = new KeptAnswers<>(10_000, q -> q);
    for (int i = 0; i < 100; i++) {
      kept.put("query " + i, 1, new byte[1000]);
    }
    long size = kept.size();
    assertEquals(true, size > 0 && size <= 9, "about 10,000 bytes of 1,000-byte answers: " + size);
  }
}
