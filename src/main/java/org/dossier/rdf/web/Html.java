package org.dossier.rdf.web;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small HTML writer over StAX, so every text and attribute is escaped by the writer and never by
 * hand. Elements are opened and closed explicitly; void elements use {@link #empty}.
 */
public final class Html implements AutoCloseable {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  private final XMLStreamWriter w;

  public Html(OutputStream out, String title, String lang) {
    try {
      w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeDTD("<!DOCTYPE html>");
      w.writeCharacters("\n");
      open("html", "lang", lang);
      open("head");
      empty("meta", "charset", "utf-8");
      empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
      element("title", title);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the head and opens body and main. */
  public Html body() {
    end();
    open("body");
    return open("main");
  }

  public Html open(String name, String... attributes) {
    try {
      w.writeStartElement(name);
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        w.writeAttribute(attributes[i], attributes[i + 1]);
      }
      // An empty text keeps the start tag from being written as <x/>, which HTML does not know.
      w.writeCharacters("");
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  public Html end() {
    try {
      w.writeEndElement();
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  public Html empty(String name, String... attributes) {
    try {
      w.writeEmptyElement(name);
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        w.writeAttribute(attributes[i], attributes[i + 1]);
      }
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  public Html text(String text) {
    try {
      w.writeCharacters(text);
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  public Html element(String name, String text, String... attributes) {
    return open(name, attributes).text(text).end();
  }

  public Html link(String href, String text) {
    return element("a", text, "href", href);
  }

  /** Closes every open element and flushes. */
  @Override
  public void close() {
    try {
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }
}
