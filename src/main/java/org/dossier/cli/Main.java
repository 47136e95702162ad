package org.dossier.cli; public class Main { public static void main(String[] a){} }
