<?xml version="1.0"?>
<!-- Test harvester side: turns an oai_qdc record into the element/field form the xoai service
     provider reads metadata in: under "qdc", one element per term, named prefix_localname
     (dc_title, dcterms_created…). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:oai_qdc="http://worldcat.org/xmlschemas/qdc-1.0/"
                xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
                exclude-result-prefixes="oai_qdc dc dcterms">
  <xsl:output method="xml" omit-xml-declaration="yes"/>
  <xsl:template match="/">
    <metadata xmlns="http://www.lyncode.com/xoai">
      <element name="qdc">
        <xsl:for-each select="/oai_qdc:qualifieddc/*">
          <element name="{concat(substring('dcdcterms', 1 + 2 * (namespace-uri() = 'http://purl.org/dc/terms/'), 2 + 5 * (namespace-uri() = 'http://purl.org/dc/terms/')), '_', local-name())}">
            <field name="value"><xsl:value-of select="."/></field>
          </element>
        </xsl:for-each>
      </element>
    </metadata>
  </xsl:template>
</xsl:stylesheet>
