@echo off
rem The `framewright` command of an installed app: runs the bundled CLI with the app's own
rem Electron as Node (ELECTRON_RUN_AS_NODE=1), as VS Code's `code` does. It lives in the
rem install folder's resources\bin; add that folder to PATH (README: The CLI in the installed app).
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Framewright.exe" "%~dp0..\app.asar\dist\cli.js" %*
endlocal & exit /b %ERRORLEVEL%
