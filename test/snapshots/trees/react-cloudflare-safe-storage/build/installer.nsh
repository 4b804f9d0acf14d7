; electron-builder's NSIS installer: registers the app's URL scheme (OAuth deep links), removes it on uninstall.
!define APP_URL_SCHEME "snapshot-app"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${APP_URL_SCHEME}" "" "URL:Snapshot App"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${APP_URL_SCHEME}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\${APP_URL_SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${APP_URL_SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${APP_URL_SCHEME}"
!macroend
