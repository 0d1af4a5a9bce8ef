// Starts the example API:  MONGODB_URI=mongodb://127.0.0.1:27017 MONGODB_DB=hiring PORT=3000 node examples/express/server.mjs
import ai from '../../index.js' // in your app: import ai from 'resume-ai'
import { createApp } from './app.mjs'

ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: process.env.MONGODB_DB })

const server = createApp(ai).listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`resume-ai example listening on http://127.0.0.1:${server.address().port}`)
})

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close())
