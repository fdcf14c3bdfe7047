@echo off
rem Biotrack launcher for Windows (x86-64): the same commands as ./biotrack on Linux and macOS.
rem   biotrack up [--data DIR] [--port P] [--workers N] [--model PATH]
rem                                      start the embedded platform: web UI and API on 127.0.0.1:P
rem                                      (8080), data in DIR (.\data), at most N workers at once
rem   biotrack detect DIR -o results.json [--model PATH] [options]
rem   biotrack submit DIR [-o results.json] [--server URL] [--api-key KEY] [--job ID] [options]
rem   biotrack new-key TENANT            make an API key and its BIOTRACK_API_KEYS entry
rem   biotrack hash-key                  the SHA-256 of a key read from standard input
rem   biotrack bench [--seconds N]       the gateway benchmark
rem   biotrack bench-worker --model PATH --images DIR [options]
rem   biotrack model list, install NAME [--from FILE], check [--data DIR]
rem                                      MegaDetector models: catalogue, install, check
rem   biotrack build                     rebuild the jars (after changing the code)
rem Needs a JDK 17 or newer on PATH. The worker bundles libtorch for the platform it was built on
rem (the libtorch-* Maven profiles): build it on Windows, or with -Dlibtorch.classifier=win-x86_64.
rem Differences from ./biotrack: no umask (keep the data folder in your own profile, which Windows
rem keeps from other users), no tcmalloc (Windows' own allocator), messages always as text.
setlocal EnableExtensions EnableDelayedExpansion
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "GATEWAY_JAR=%ROOT%\api-gateway\target\biotrack-api-gateway.jar"
set "WORKER_JAR=%ROOT%\worker\target\biotrack-worker.jar"
set "TEST_MODEL=%ROOT%\models\testing\biotrack-test-md.torchscript"

set "COMMAND=%~1"
if "%COMMAND%"=="" goto usage_error
shift

where java >nul 2>nul || (echo biotrack: java not found: install a JDK 17 or newer 1>&2 & exit /b 2)

if /i "%COMMAND%"=="up" goto up
if /i "%COMMAND%"=="detect" goto detect
if /i "%COMMAND%"=="bench-worker" goto bench_worker
if /i "%COMMAND%"=="model" goto model
if /i "%COMMAND%"=="submit" goto gateway_tool
if /i "%COMMAND%"=="new-key" goto gateway_tool
if /i "%COMMAND%"=="hash-key" goto gateway_tool
if /i "%COMMAND%"=="bench" goto gateway_tool
if /i "%COMMAND%"=="build" goto build_all
if /i "%COMMAND%"=="help" goto usage
if /i "%COMMAND%"=="--help" goto usage
if /i "%COMMAND%"=="-h" goto usage
echo biotrack: unknown command '%COMMAND%' 1>&2
goto usage_error

:up
set "PORT=8080"
set "DATA=.\data"
set "WORKERS="
set "MODEL="
:up_args
if "%~1"=="" goto up_run
if /i "%~1"=="--port" (set "PORT=%~2" & shift & shift & goto up_args)
if /i "%~1"=="--data" (set "DATA=%~2" & shift & shift & goto up_args)
if /i "%~1"=="--workers" (set "WORKERS=%~2" & shift & shift & goto up_args)
if /i "%~1"=="--model" (set "MODEL=%~2" & shift & shift & goto up_args)
if /i "%~1"=="--help" goto usage
if /i "%~1"=="-h" goto usage
echo biotrack: up: unknown option %~1 1>&2
goto usage_error
:up_run
echo %PORT%| findstr /r "^[0-9][0-9]*$" >nul || (echo biotrack: --port must be a number 1>&2 & exit /b 2)
if defined WORKERS (
  echo %WORKERS%| findstr /r "^[1-9][0-9]*$" >nul || (echo biotrack: --workers must be a number of at least 1 1>&2 & exit /b 2)
  set "BIOTRACK_WORKERS=%WORKERS%"
)
if defined MODEL (
  if not exist "%MODEL%" (echo biotrack: --model %MODEL% does not exist 1>&2 & exit /b 2)
  for %%M in ("%MODEL%") do set "BIOTRACK_MODEL=%%~fM"
)
call :ensure_jar "%GATEWAY_JAR%" api-gateway || exit /b 2
call :ensure_jar "%WORKER_JAR%" worker || exit /b 2
if not exist "%DATA%" mkdir "%DATA%" || exit /b 2
for %%D in ("%DATA%") do set "BIOTRACK_DATA_DIR=%%~fD"
set "BIOTRACK_WORKER_JAR=%WORKER_JAR%"
set "BIOTRACK_TEST_MODEL=%TEST_MODEL%"
echo biotrack: starting on http://127.0.0.1:%PORT% (data in %BIOTRACK_DATA_DIR%; Ctrl-C stops) 1>&2
java %BIOTRACK_JAVA_OPTS% -jar "%GATEWAY_JAR%" --spring.profiles.active=embedded --server.port=%PORT%
exit /b %ERRORLEVEL%

:detect
call :ensure_jar "%WORKER_JAR%" worker || exit /b 2
java %BIOTRACK_JAVA_OPTS% -Dbiotrack.command=biotrack "-Dbiotrack.modelDir=%ROOT%\data\models" "-Dbiotrack.testModel=%TEST_MODEL%" -jar "%WORKER_JAR%" detect %1 %2 %3 %4 %5 %6 %7 %8 %9
exit /b %ERRORLEVEL%

:bench_worker
call :ensure_jar "%WORKER_JAR%" worker || exit /b 2
java %BIOTRACK_JAVA_OPTS% -jar "%WORKER_JAR%" bench %1 %2 %3 %4 %5 %6 %7 %8 %9
exit /b %ERRORLEVEL%

:model
call :ensure_jar "%WORKER_JAR%" worker || exit /b 2
java %BIOTRACK_JAVA_OPTS% -jar "%WORKER_JAR%" model %1 %2 %3 %4 %5 %6 %7 %8 %9
exit /b %ERRORLEVEL%

:gateway_tool
call :ensure_jar "%GATEWAY_JAR%" api-gateway || exit /b 2
java %BIOTRACK_JAVA_OPTS% -jar "%GATEWAY_JAR%" %COMMAND% %1 %2 %3 %4 %5 %6 %7 %8 %9
exit /b %ERRORLEVEL%

:build_all
call :build api-gateway,worker
exit /b %ERRORLEVEL%

rem Builds a missing jar (the first run takes a few minutes).
:ensure_jar
if exist "%~1" exit /b 0
call :build %2
exit /b %ERRORLEVEL%

:build
echo biotrack: building %~1 (a few minutes the first time)... 1>&2
pushd "%ROOT%"
call mvnw.cmd -B -q -DskipTests -pl %~1 -am package 1>&2
set "RESULT=%ERRORLEVEL%"
popd
if not "%RESULT%"=="0" (echo biotrack: the build failed; see the messages above 1>&2 & exit /b 2)
exit /b 0

:usage
for /f "usebackq tokens=* delims=" %%L in (`findstr /b /c:"rem " "%~f0"`) do (
  set "LINE=%%L"
  echo !LINE:~4!
  if "!LINE:~4,8!"=="Needs a " goto :eof
)
exit /b 0

:usage_error
echo usage: biotrack up^|detect^|submit^|model^|new-key^|hash-key^|bench^|bench-worker^|build [options]; biotrack help 1>&2
exit /b 2
