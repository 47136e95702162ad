package org.dossier.oai.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import javax.xml.XMLConstants;

/**
 * Base of the generated classes of metadata and description roots. OAI-PMH 2.0 section 2.5 asks
 * that each such root carry {@code xsi:schemaLocation} naming its own namespace and schema; an XSD
 * cannot declare that attribute, so it is added here and the generated classes extend this one.
 */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class SchemaLocated {

  @XmlAttribute(name = "schemaLocation", namespace = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI)
  private String schemaLocation;

  public String getSchemaLocation() {
    return schemaLocation;
  }

  /**
   * Sets the pair "namespace URI, schema URL" (space-separated) that validators look the root's
   * schema up by.
   */
  public void setSchemaLocation(String namespaceAndSchema) {
    this.schemaLocation = namespaceAndSchema;
  }
}
