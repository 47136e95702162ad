package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.dossier.catalog.Selection;
import org.junit.jupiter.api.Test;

class SetSpecsTest {

  @Test
  void eachSetSpecBecomesTheCatalogsScope() {
    assertEquals(Optional.of(Selection.Scope.EVERY_RECORD), SetSpecs.scope(null));
    assertEquals(Optional.of(Selection.Scope.ANY_COLLECTION), SetSpecs.scope("collection"));
    assertEquals(
        Optional.of(new Selection.InCollection("kim-il-sung")),
        SetSpecs.scope("collection:kim-il-sung"));
    assertEquals(Optional.of(Selection.Scope.ANY_TYPE), SetSpecs.scope("type"));
    assertEquals(Optional.of(new Selection.OfType("telegram")), SetSpecs.scope("type:telegram"));
  }

  @Test
  void aSpecOfNoSetOfThisRepositorySelectsNothing() {
    assertEquals(Optional.empty(), SetSpecs.scope("collections"));
    assertEquals(Optional.empty(), SetSpecs.scope("typo:telegram"));
  }

  @Test
  void theSetsARecordIsListedInTranslateBackToScopesThatHoldIt() {
    // A header's setSpecs must be specs a harvester can ask for.
    assertEquals(
        Optional.of(new Selection.InCollection("c1")), SetSpecs.scope(SetSpecs.collection("c1")));
    assertEquals(
        Optional.of(new Selection.OfType("letter")), SetSpecs.scope(SetSpecs.type("letter")));
  }
}
