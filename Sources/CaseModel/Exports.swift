// Text from outside (cases, users, files) is made safe for a terminal and read as strict UTF-8 by
// one definition shared with the terminal engine; everything that imports CaseModel sees it.
@_exported import TextSafety
