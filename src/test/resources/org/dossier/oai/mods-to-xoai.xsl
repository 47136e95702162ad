<?xml version="1.0"?>
<!-- Test harvester side: turns a MODS record into the element/field form the xoai service provider
     reads metadata in, under "mods": title, dateCreated, primaryUrl, rights, host (collections). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink"
                exclude-result-prefixes="mods xlink">
  <xsl:output method="xml" omit-xml-declaration="yes"/>
  <xsl:template match="/">
    <metadata xmlns="http://www.lyncode.com/xoai">
      <element name="mods">
        <xsl:call-template name="value">
          <xsl:with-param name="name" select="'title'"/>
          <xsl:with-param name="nodes" select="/mods:mods/mods:titleInfo/mods:title"/>
        </xsl:call-template>
        <xsl:call-template name="value">
          <xsl:with-param name="name" select="'dateCreated'"/>
          <xsl:with-param name="nodes" select="/mods:mods/mods:originInfo/mods:dateCreated"/>
        </xsl:call-template>
        <xsl:call-template name="value">
          <xsl:with-param name="name" select="'primaryUrl'"/>
          <xsl:with-param name="nodes" select="/mods:mods/mods:location/mods:url[@usage='primary']"/>
        </xsl:call-template>
        <xsl:call-template name="value">
          <xsl:with-param name="name" select="'rights'"/>
          <xsl:with-param name="nodes" select="/mods:mods/mods:accessCondition/@xlink:href"/>
        </xsl:call-template>
        <xsl:call-template name="value">
          <xsl:with-param name="name" select="'host'"/>
          <xsl:with-param name="nodes" select="/mods:mods/mods:relatedItem[@type='host']/mods:titleInfo/mods:title"/>
        </xsl:call-template>
      </element>
    </metadata>
  </xsl:template>
  <xsl:template name="value">
    <xsl:param name="name"/>
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <element xmlns="http://www.lyncode.com/xoai" name="{$name}">
        <field name="value"><xsl:value-of select="."/></field>
      </element>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
