package org.dossier.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The page templates, compiled to classes at build time by the jte Maven plugin; nothing is
 * compiled at run time. jte escapes every value for the HTML context it lands in.
 */
final class Templates {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Templates() {}

  /** Renders a template whose only parameter is {@code view}. */
  static String render(String template, Object view) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, view, out);
    return out.toString();
  }
}
