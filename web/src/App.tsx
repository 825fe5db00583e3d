export default function App() {
  return <div className="p-8 text-lg">Steward</div>
}
