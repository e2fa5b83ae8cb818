/** PDF export from every document button, the association's Word template, the editable standard sentences (issue 12). */
export const docs12Fr = {
  'docs12.ui.exportPdf': 'Exporter en PDF',
  'docs12.ui.exportPdfOf': 'Exporter en PDF — {document}',
  'docs12.ui.pdfPreparing': 'PDF en préparation…',
  'docs12.pdf.needsOffice':
    'Pour écrire un PDF, LibreOffice doit être installé sur cet ordinateur : installez le paquet libreoffice-writer (Debian, Ubuntu : « sudo apt install libreoffice-writer »), ou LibreOffice depuis libreoffice.org, puis réessayez. Le document reste disponible en .docx.',
  'docs12.cli.outDocument': 'Le fichier de sortie doit finir par .docx, ou par .pdf pour un PDF/A : {file}.',
  'docs12.pdf.failed': 'LibreOffice n’a pas pu convertir le document en PDF : {reason}. Le document reste disponible en .docx.',
} as const;

export const docs12En: Record<keyof typeof docs12Fr, string> = {
  'docs12.ui.exportPdf': 'Export as PDF',
  'docs12.ui.exportPdfOf': 'Export as PDF — {document}',
  'docs12.ui.pdfPreparing': 'Preparing the PDF…',
  'docs12.pdf.needsOffice':
    'Exporting as PDF needs LibreOffice on this computer: install the libreoffice-writer package (Debian, Ubuntu: “sudo apt install libreoffice-writer”), or LibreOffice from libreoffice.org, then try again. The document is still available as .docx.',
  'docs12.cli.outDocument': 'The output file must end in .docx, or in .pdf for a PDF/A: {file}.',
  'docs12.pdf.failed': 'LibreOffice could not convert the document to PDF: {reason}. The document is still available as .docx.',
};
