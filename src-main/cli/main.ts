import { APP_NAME, APP_VERSION } from '@shared/app-info'

const args = process.argv.slice(2)
if (args[0] === '--version' || args[0] === '-v') {
  process.stdout.write(`${APP_VERSION}\n`)
} else {
  process.stdout.write(`${APP_NAME} ${APP_VERSION}\nusage: scw <command> [options]\n`)
}
