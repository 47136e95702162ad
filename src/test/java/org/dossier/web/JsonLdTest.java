package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.dossier.catalog.RecordJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** JSON-LD embedded in a script element cannot end that element early, whatever a title says. */
class JsonLdTest {

  @Test
  void markupInsideStringsIsEscapedAndReadsBackTheSame() {
    String title = "Telegram </script><script>alert('x')</script> & <!-- notes -->";
    ObjectNode node = RecordJson.MAPPER.createObjectNode().put("name", title);
    String script = JsonLd.toScript(node);
    assertFalse(script.contains("<") || script.contains(">") || script.contains("&"), script);
    assertEquals(title, RecordJson.MAPPER.readTree(script).get("name").asString());
  }
}
