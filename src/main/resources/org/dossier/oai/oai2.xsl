<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dossier's view of its OAI-PMH responses for people: every response names this stylesheet in an
  xml-stylesheet processing instruction, so a browser shows a readable page (XSLT 1.0, which
  browsers run) while harvesters read the same XML. Links continue lists and open records.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:oai="http://www.openarchives.org/OAI/2.0/"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:oai-identifier="http://www.openarchives.org/OAI/2.0/oai-identifier"
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:mods="http://www.loc.gov/mods/v3"
    xmlns:oai_qdc="http://worldcat.org/xmlschemas/qdc-1.0/"
    exclude-result-prefixes="oai oai_dc dc oai-identifier rdf mods oai_qdc">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="base" select="/oai:OAI-PMH/oai:request"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title>OAI-PMH <xsl:value-of select="oai:OAI-PMH/oai:request/@verb"/></title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
          h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
          nav a { margin-right: 1rem; }
          table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
          th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #ddd; }
          th { width: 12rem; color: #555; font-weight: normal; }
          .error { background: #fde8e8; border: 1px solid #d99; padding: .5rem 1rem; }
          .deleted { color: #a00; }
          .token { background: #eef4ff; padding: .5rem 1rem; }
          code { font-size: .9em; }
        </style>
      </head>
      <body>
        <h1>OAI-PMH 2.0: <xsl:value-of select="oai:OAI-PMH/oai:request/@verb"/></h1>
        <nav>
          <a href="?verb=Identify">Identify</a>
          <a href="?verb=ListMetadataFormats">Metadata formats</a>
          <a href="?verb=ListSets">Sets</a>
          <a href="?verb=ListIdentifiers&amp;metadataPrefix=oai_dc">Identifiers</a>
          <a href="?verb=ListRecords&amp;metadataPrefix=oai_dc">Records</a>
        </nav>
        <p>Response date <xsl:value-of select="oai:OAI-PMH/oai:responseDate"/>;
          request to <code><xsl:value-of select="$base"/></code>
          <xsl:for-each select="$base/@*"><xsl:text> </xsl:text><code><xsl:value-of select="name()"/>=<xsl:value-of select="."/></code></xsl:for-each>.</p>
        <xsl:apply-templates select="oai:OAI-PMH/oai:error"/>
        <xsl:apply-templates select="oai:OAI-PMH/oai:Identify | oai:OAI-PMH/oai:ListMetadataFormats | oai:OAI-PMH/oai:ListSets
            | oai:OAI-PMH/oai:GetRecord | oai:OAI-PMH/oai:ListIdentifiers | oai:OAI-PMH/oai:ListRecords"/>
        <p><small>This page is the OAI-PMH XML shown through a stylesheet; harvesters read the XML itself.</small></p>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="oai:error">
    <p class="error"><strong><xsl:value-of select="@code"/></strong>: <xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="oai:Identify">
    <table>
      <xsl:for-each select="*[not(self::oai:description)]">
        <tr><th><xsl:value-of select="local-name()"/></th><td><xsl:value-of select="."/></td></tr>
      </xsl:for-each>
      <xsl:for-each select="oai:description/oai-identifier:oai-identifier">
        <tr><th>identifier scheme</th>
          <td><code>oai:<xsl:value-of select="oai-identifier:repositoryIdentifier"/>:ID</code>,
            for example <xsl:value-of select="oai-identifier:sampleIdentifier"/></td></tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListMetadataFormats">
    <table>
      <tr><th>prefix</th><td><strong>schema</strong> / namespace</td></tr>
      <xsl:for-each select="oai:metadataFormat">
        <tr>
          <th><a href="?verb=ListRecords&amp;metadataPrefix={oai:metadataPrefix}"><xsl:value-of select="oai:metadataPrefix"/></a></th>
          <td><xsl:value-of select="oai:schema"/><br/><xsl:value-of select="oai:metadataNamespace"/></td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListSets">
    <table>
      <xsl:for-each select="oai:set">
        <tr>
          <th><a href="?verb=ListRecords&amp;metadataPrefix=oai_dc&amp;set={oai:setSpec}"><xsl:value-of select="oai:setSpec"/></a></th>
          <td><xsl:value-of select="oai:setName"/>
            <xsl:for-each select="oai:setDescription//dc:description"><br/><small><xsl:value-of select="."/></small></xsl:for-each></td>
        </tr>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:GetRecord | oai:ListRecords">
    <xsl:apply-templates select="oai:record"/>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:ListIdentifiers">
    <table>
      <xsl:for-each select="oai:header">
        <xsl:call-template name="header-row"/>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:record">
    <h2><xsl:value-of select="oai:header/oai:identifier"/></h2>
    <table>
      <xsl:for-each select="oai:header"><xsl:call-template name="header-row"/></xsl:for-each>
      <xsl:for-each select="oai:metadata/oai_dc:dc/*">
        <tr><th>dc:<xsl:value-of select="local-name()"/></th>
          <td><xsl:choose>
            <xsl:when test="starts-with(., 'http://') or starts-with(., 'https://')"><a href="{.}"><xsl:value-of select="."/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose></td></tr>
      </xsl:for-each>
      <xsl:for-each select="oai:metadata/oai_qdc:qualifieddc/*">
        <tr><th><xsl:value-of select="name()"/></th>
          <td><xsl:call-template name="value"/></td></tr>
      </xsl:for-each>
      <xsl:for-each select="oai:metadata/mods:mods/*">
        <tr><th><xsl:value-of select="name()"/></th>
          <td><xsl:for-each select="descendant-or-self::*[text()[normalize-space()]]">
            <xsl:if test="position() &gt; 1"><br/></xsl:if>
            <xsl:call-template name="value"/>
          </xsl:for-each></td></tr>
      </xsl:for-each>
      <xsl:for-each select="oai:metadata/rdf:RDF/*">
        <tr><th><xsl:value-of select="name()"/></th>
          <td><code><xsl:value-of select="@rdf:about"/></code>
            <xsl:for-each select="*"><br/><xsl:value-of select="name()"/>: <xsl:value-of select="."/><xsl:value-of select="@rdf:resource"/></xsl:for-each></td></tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- An element's text, as a link when it is one. -->
  <xsl:template name="value">
    <xsl:variable name="text" select="normalize-space(text())"/>
    <xsl:choose>
      <xsl:when test="starts-with($text, 'http://') or starts-with($text, 'https://')"><a href="{$text}"><xsl:value-of select="$text"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="header-row">
    <tr>
      <th><xsl:value-of select="oai:datestamp"/></th>
      <td>
        <a href="?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier={oai:identifier}"><xsl:value-of select="oai:identifier"/></a>
        <xsl:if test="@status = 'deleted'"><span class="deleted"> (deleted)</span></xsl:if>
        <xsl:for-each select="oai:setSpec"><br/><small>set <xsl:value-of select="."/></small></xsl:for-each>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="oai:resumptionToken">
    <p class="token">
      <xsl:if test="@cursor">Items <xsl:value-of select="@cursor + 1"/> onwards</xsl:if>
      <xsl:if test="@completeListSize"> of <xsl:value-of select="@completeListSize"/></xsl:if>.
      <xsl:choose>
        <xsl:when test="normalize-space(.) != ''">
          <a href="?verb={/oai:OAI-PMH/oai:request/@verb}&amp;resumptionToken={.}">Next page</a>
          <xsl:if test="@expirationDate"> (link valid until <xsl:value-of select="@expirationDate"/>)</xsl:if>
        </xsl:when>
        <xsl:otherwise>This is the last page.</xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
