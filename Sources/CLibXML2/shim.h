// libxml2 is built with ICU support on Debian, and its encoding header then includes the system
// ICU headers, whose UErrorCode differs from the ICU copy inside Foundation: any Swift module
// (or generated test runner) that sees both fails to build. renkei never touches libxml2's ICU
// converter fields (the last members of xmlCharEncodingHandler, used only behind pointers), so
// the ICU part of the headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
